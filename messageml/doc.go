// Package messageml is tutti's knowledge of Symphony MessageML: it converts
// a message a bot or the composer sends into the PresentationML and
// EntityJSON the agent delivers, and rejects what the agent rejects.
//
// Contract:
//   - Convert behaves like the agent's conversion (finos/messageml-utils):
//     the same elements and attributes are accepted, the same PresentationML
//     is produced, byte for byte where messageml-utils is deterministic, and
//     an invalid message yields an *Error whose Message is the agent's 400
//     message.
//   - The input is parsed as strict XML 1.0 without a DTD: only the five
//     predefined entities and character references, no DOCTYPE.
//   - Entity ids are numbered in document order with one counter shared by
//     all kinds (mention1, keyword2, emoji3 …), as messageml-utils numbers
//     them. Generated EntityJSON is appended to the entity data sent with
//     the message; an entity inside a structured object (<div class="entity"
//     data-entity-id="x">) is added inside that object, as the agent does.
//   - In MessageML, the attributes of elements written as they were sent
//     (p, div, select, option …) come out in name order, because the agent's
//     DOM hands them over in that order; converted elements (cards, form
//     controls, entities) write theirs in the agent's fixed order.
//   - Ids the agent draws at random (label and tooltip targets, dialog id
//     prefixes) are derived from the message instead, so a conversion is
//     deterministic.
//   - Freemarker templates are not supported: a message containing "${",
//     "<#", "<@" or "#{" is refused with an *Error.
//   - A message with more than MaxTextLength characters of text or more
//     than MaxEntities entities is refused.
//   - PresentationML input is checked (well-formed, PresentationML tags only,
//     every data-entity-id present in the data) and written back in the
//     agent's compact form with its attributes in their order, so that the
//     agent's output converts to itself; its entity data is passed through.
//   - Convert is safe for concurrent use; it never panics on any input.
package messageml
