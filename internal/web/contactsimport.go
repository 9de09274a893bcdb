package web

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"devpath/internal/account"
	"devpath/internal/app"
	"devpath/internal/httpx"
	"devpath/internal/network"
)

// Importing contacts takes three steps without JavaScript: upload a file,
// see what it would do (and, for a CSV file, change the mapping), confirm.
// The file's text travels in the form between the steps, in a textarea the
// learner can also read and correct, so nothing uploaded is kept on the
// server before it is imported.

type importPage struct {
	Done             bool
	Created, Skipped int // after an import: contacts created, duplicates skipped
}

func (w *Web) importPage(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	q := r.URL.Query()
	created, _ := strconv.Atoi(q.Get("created"))
	skipped, _ := strconv.Atoi(q.Get("skipped"))
	page := importPage{Done: q.Has("created"), Created: created, Skipped: skipped}
	w.render(rw, r, http.StatusOK, "contacts-import", w.view(r, "Import contacts", page))
}

// uploaded is the text of the file chosen in the form (field_file), or else
// of field: the first step uploads a file, the next ones carry its text.
// Text a database would refuse (a NUL, bad UTF-8) is named here, as the
// form check does for typed fields.
func uploaded(r *http.Request, field string) ([]byte, error) {
	// The form check parsed no multipart body (it leaves PostForm empty for
	// one): read it here, or the pasted text would seem empty.
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		if err := r.ParseMultipartForm(network.MaxImportBytes); err != nil {
			return nil, app.FieldError(field+"_file", fmt.Sprintf("could not be read: a file of at most %d MiB", network.MaxImportBytes>>20))
		}
	}
	data := []byte(r.PostFormValue(field))
	if file, _, err := r.FormFile(field + "_file"); err == nil {
		defer file.Close()
		if data, err = io.ReadAll(io.LimitReader(file, network.MaxImportBytes+1)); err != nil {
			return nil, app.FieldError(field+"_file", "could not be read: choose it again")
		}
		field += "_file"
	}
	if p := httpx.FormText(url.Values{field: {string(data)}}); p != nil {
		return nil, app.Problems(p).Err()
	}
	return data, nil
}

// fingerprint tells whether the learner confirms the very file and mapping
// they saw previewed: a browser sends a textarea's lines ending in CRLF.
func fingerprint(data []byte, m []network.CSVField) string {
	h := sha256.New()
	h.Write([]byte(strings.ReplaceAll(string(data), "\r\n", "\n")))
	for _, f := range m {
		h.Write([]byte("\x00" + f))
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// importDone sends the learner to the import page, which says what was done.
func importDone(rw http.ResponseWriter, r *http.Request, p network.Preview) {
	q := url.Values{"created": {strconv.Itoa(len(p.New))}, "skipped": {strconv.Itoa(len(p.Duplicates))}}
	http.Redirect(rw, r, "/network/import?"+q.Encode()+"#done", http.StatusSeeOther)
}

// csvImportPage shows a CSV file's columns, each with the field it fills,
// and what importing it would do.
type csvImportPage struct {
	network.CSVImport
	CSV       string
	Fields    []network.Labelled[network.CSVField]
	Previewed string // the fingerprint of the file and mapping previewed
}

// fieldName names a column's select for the error summary.
func (p csvImportPage) fieldName(field string) (string, int, bool) {
	for i, c := range p.Columns {
		if field == mappingField(i) {
			return fmt.Sprintf("Column %d (%s)", i+1, c.Header), i, true
		}
	}
	return "", 0, false
}

// Select is the name of column i's select.
func (csvImportPage) Select(i int) string { return mappingField(i) }

func mappingField(i int) string { return fmt.Sprintf("mapping[%d]", i) }

// mappingFromForm reads the mapping's selects; nil when the form has none
// (the upload step), so the proposed mapping is used.
func mappingFromForm(f url.Values) []network.CSVField {
	var m []network.CSVField
	for i := 0; f.Has(mappingField(i)); i++ {
		m = append(m, network.CSVField(f.Get(mappingField(i))))
	}
	return m
}

// mappingOf is the mapping a preview used.
func mappingOf(cs []network.Column) []network.CSVField {
	m := make([]network.CSVField, len(cs))
	for i, c := range cs {
		m[i] = c.Field
	}
	return m
}

// importCSV previews a CSV file, or imports it when the learner confirms.
func (w *Web) importCSV(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	data, err := uploaded(r, "csv")
	if err != nil {
		w.formError(rw, r, "contacts-import", "Import contacts", importPage{}, err)
		return
	}
	// A mapping or text changed since the preview is previewed again, not imported.
	mapping := mappingFromForm(r.PostForm)
	confirm := r.PostFormValue("action") == "import" && r.PostFormValue("previewed") == fingerprint(data, mapping)
	res, err := w.Network.ImportCSV(r.Context(), p.User.ID, data, mapping, !confirm)
	page := csvImportPage{CSVImport: res, CSV: string(data), Fields: network.CSVFieldLabels}
	if err == nil {
		page.Previewed = fingerprint(data, mappingOf(res.Columns))
	}
	switch {
	case err != nil && res.Columns == nil: // the file itself is wrong: back to the upload
		w.formError(rw, r, "contacts-import", "Import contacts", importPage{}, err)
	case err != nil:
		w.refuse(rw, r, "contacts-import-csv", w.view(r, "Import contacts from CSV", page), url.Values{"csv": {page.CSV}}, err)
	case confirm:
		importDone(rw, r, res.Preview)
	default:
		v := w.view(r, "Import contacts from CSV", page)
		v.Form.Set("csv", page.CSV)
		w.render(rw, r, http.StatusOK, "contacts-import-csv", v)
	}
}

// vcardImportPage shows what importing a vCard file would do.
type vcardImportPage struct {
	network.Preview
	VCard     string
	Previewed string
}

// importVCard previews a vCard file, or imports it when the learner confirms.
func (w *Web) importVCard(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	data, err := uploaded(r, "vcard")
	var cs []network.Contact
	if err == nil {
		cs, err = network.ParseVCards(data, "vcard")
	}
	confirm := r.PostFormValue("action") == "import" && r.PostFormValue("previewed") == fingerprint(data, nil)
	var preview network.Preview
	if err == nil {
		preview, err = w.Network.ImportContacts(r.Context(), p.User.ID, cs, !confirm)
	}
	switch {
	case err != nil:
		w.formError(rw, r, "contacts-import", "Import contacts", importPage{}, err)
	case confirm:
		importDone(rw, r, preview)
	default:
		page := vcardImportPage{Preview: preview, VCard: string(data), Previewed: fingerprint(data, nil)}
		w.render(rw, r, http.StatusOK, "contacts-import-vcard", w.view(r, "Import contacts from vCard", page))
	}
}
