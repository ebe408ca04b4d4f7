package simulator

import (
	"net/http"
	"path"
	"slices"
	"strings"
)

// fileTypes maps each file extension the pod lists as allowed for
// attachments to the content type of its files: the documents, sheets,
// slides, images, audio, video, mail and archives of a default pod's list.
// Message create does not check an attachment's extension.
func fileTypes() map[string]string {
	return map[string]string{
		".bmp":  "image/bmp",
		".csv":  "text/csv",
		".doc":  "application/msword",
		".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		".eml":  "message/rfc822",
		".gif":  "image/gif",
		".jpeg": "image/jpeg",
		".jpg":  "image/jpeg",
		".json": "application/json",
		".log":  "text/plain",
		".m4a":  "audio/mp4",
		".mov":  "video/quicktime",
		".mp3":  "audio/mpeg",
		".mp4":  "video/mp4",
		".msg":  "application/vnd.ms-outlook",
		".odp":  "application/vnd.oasis.opendocument.presentation",
		".ods":  "application/vnd.oasis.opendocument.spreadsheet",
		".odt":  "application/vnd.oasis.opendocument.text",
		".pdf":  "application/pdf",
		".png":  "image/png",
		".ppt":  "application/vnd.ms-powerpoint",
		".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
		".rtf":  "application/rtf",
		".tif":  "image/tiff",
		".tiff": "image/tiff",
		".txt":  "text/plain",
		".wav":  "audio/wav",
		".xls":  "application/vnd.ms-excel",
		".xlsm": "application/vnd.ms-excel.sheet.macroEnabled.12",
		".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		".xml":  "application/xml",
		".zip":  "application/zip",
	}
}

// contentTypeOf is the content type of a file named name, by its
// extension (in any case): application/octet-stream for an extension the
// pod does not list.
func contentTypeOf(name string) string {
	if t, ok := fileTypes()[strings.ToLower(path.Ext(name))]; ok {
		return t
	}
	return "application/octet-stream"
}

// handleAllowedFileTypes answers GET /pod/v1/files/allowedTypes: the file
// extensions allowed for attachments, with their dot, sorted.
func (s *Server) handleAllowedFileTypes(w http.ResponseWriter, _ *http.Request, _ caller) {
	types := fileTypes()
	out := make([]string, 0, len(types))
	for ext := range types {
		out = append(out, ext)
	}
	slices.Sort(out)
	writeJSON(w, http.StatusOK, out)
}
