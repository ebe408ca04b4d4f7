package messageml

// kind identifies an element spec, so that specs can name one another in
// their checks.
type kind uint8

// The element kinds.
const (
	kindText kind = iota
	kindRoot
	kindParagraph
	kindLineBreak
	kindHR
	kindBold
	kindItalic
	kindSubscript
	kindSuperscript
	kindHeader
	kindPre
	kindSpan
	kindDiv
	kindCode
	kindLink
	kindImage
	kindBulletList
	kindOrderedList
	kindListItem
	kindTable
	kindTableHeader
	kindTableBody
	kindTableFooter
	kindTableRow
	kindTableHeaderCell
	kindTableCell
	kindMention
	kindHash
	kindCash
	kindEmoji
	kindDateTime
	kindChime
	kindCard
	kindCardHeader
	kindCardBody
	kindExpandableCard
	kindExpandableCardHeader
	kindExpandableCardBody
	kindUIAction
	kindDialog
	kindDialogTitle
	kindDialogBody
	kindDialogFooter
	kindForm
	kindButton
	kindTextField
	kindTextarea
	kindRichTextarea
	kindSelect
	kindOption
	kindCheckbox
	kindRadio
	kindPersonSelector
	kindRoomSelector
	kindDateSelector
	kindDatePicker
	kindTimePicker
	kindTimezonePicker
)

// kindNames are the names the agent gives element kinds in its messages:
// its Java class names, in lower case.
var kindNames = [...]string{
	kindText:                 "textnode",
	kindRoot:                 "messageml",
	kindParagraph:            "paragraph",
	kindLineBreak:            "linebreak",
	kindHR:                   "horizontalrule",
	kindBold:                 "bold",
	kindItalic:               "italic",
	kindSubscript:            "subscript",
	kindSuperscript:          "superscript",
	kindHeader:               "header",
	kindPre:                  "preformatted",
	kindSpan:                 "span",
	kindDiv:                  "div",
	kindCode:                 "code",
	kindLink:                 "link",
	kindImage:                "image",
	kindBulletList:           "bulletlist",
	kindOrderedList:          "orderedlist",
	kindListItem:             "listitem",
	kindTable:                "table",
	kindTableHeader:          "tableheader",
	kindTableBody:            "tablebody",
	kindTableFooter:          "tablefooter",
	kindTableRow:             "tablerow",
	kindTableHeaderCell:      "tableheadercell",
	kindTableCell:            "tablecell",
	kindMention:              "mention",
	kindHash:                 "hashtag",
	kindCash:                 "cashtag",
	kindEmoji:                "emoji",
	kindDateTime:             "datetime",
	kindChime:                "chime",
	kindCard:                 "card",
	kindCardHeader:           "cardheader",
	kindCardBody:             "cardbody",
	kindExpandableCard:       "expandablecard",
	kindExpandableCardHeader: "expandablecardheader",
	kindExpandableCardBody:   "expandablecardbody",
	kindUIAction:             "uiaction",
	kindDialog:               "dialog",
	kindDialogTitle:          "title",
	kindDialogBody:           "body",
	kindDialogFooter:         "footer",
	kindForm:                 "form",
	kindButton:               "button",
	kindTextField:            "textfield",
	kindTextarea:             "textarea",
	kindRichTextarea:         "richtextarea",
	kindSelect:               "select",
	kindOption:               "option",
	kindCheckbox:             "checkbox",
	kindRadio:                "radio",
	kindPersonSelector:       "personselector",
	kindRoomSelector:         "roomselector",
	kindDateSelector:         "dateselector",
	kindDatePicker:           "datepicker",
	kindTimePicker:           "timepicker",
	kindTimezonePicker:       "timezonepicker",
}
