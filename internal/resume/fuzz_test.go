package resume

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"testing"

	"devpath/content"
	"devpath/internal/app"
)

// FuzzResume feeds an uploaded JSON Resume document to the schema check and
// the parser: a document the schema accepts parses; one that parses writes
// back what it held, less empty values (the promise on Resume), and reads
// back to the same JSON.
func FuzzResume(f *testing.F) {
	sample, err := os.ReadFile("testdata/resume.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sample)
	for _, s := range []string{
		`{}`, `null`, `[]`, `"x"`, `{"basics":{"name":"A","x-theme":{"dark":true}},"meta":{"theme":"even"}}`,
		`{"work":[{"name":"A","startDate":"2020-01","endDate":"2019","highlights":["a",null]}]}`,
		`{"basics":{"email":"not-an-email"}}`, `{"education":[{"startDate":"2021-02-30"}]}`,
		`{"skills":[{"name":"Go","keywords":["go","sql"],"level":"good"}],"extra":[1, 2 ,3]}`,
		`{"basics":{"name":"a","name":"b"}}`, `{"basics":{"name":1}}`, `{"work":[null,{}]}`, `{"a":"<&>"}`,
	} {
		f.Add([]byte(s))
	}
	schema, err := LoadSchema(content.Career)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		verr := schema.ValidateResume(doc)
		if ae, ok := errors.AsType[*app.Error](verr); verr != nil && (!ok || ae.Code != app.Invalid || len(ae.Fields) == 0) {
			t.Fatalf("ValidateResume: %v, not an Invalid error naming fields", verr)
		}
		r, err := ParseResume(doc)
		if err != nil {
			if verr == nil {
				t.Fatalf("the schema accepts %q but ParseResume refuses it: %v", doc, err)
			}
			return
		}
		out, err := json.Marshal(r)
		if err != nil {
			t.Fatalf("Marshal after ParseResume(%q): %v", doc, err)
		}
		if want, got := nonEmpty(t, doc), nonEmpty(t, out); want != nil && !reflect.DeepEqual(want, got) {
			t.Fatalf("ParseResume(%q) then Marshal wrote %s", doc, out)
		}
		again, err := ParseResume(out)
		if err != nil {
			t.Fatalf("ParseResume of its own output %s: %v", out, err)
		}
		if out2, err := json.Marshal(again); err != nil || !bytes.Equal(out, out2) {
			t.Fatalf("a second round trip changed %s into %s (%v)", out, out2, err)
		}
	})
}

// FuzzApplyTailoring decodes tailoring operations as the API receives them
// and applies them to the sample resume: the master never changes, and a
// tailored copy keeps the master's entries less the hidden ones.
func FuzzApplyTailoring(f *testing.F) {
	for _, s := range []string{
		`{"ops":[]}`,
		`{"ops":[{"op":"hide","section":"work","index":1}]}`,
		`{"ops":[{"op":"order","section":"work","order":[1,0]},{"op":"hide","section":"work","index":0}]}`,
		`{"ops":[{"op":"reword","path":"/basics/summary","text":"New"},{"op":"reword","path":"/work/0/highlights/0","text":"x"}]}`,
		`{"ops":[{"op":"reword","path":"/work/0/name~1x~0","text":""},{"op":"reword","path":"/","text":"x"}]}`,
		`{"ops":[{"op":"order","section":"skills","order":[0,0]},{"op":"order","section":"skills","order":[]}]}`,
		`{"ops":[{"op":"hide","section":"basics","index":-1},{"op":"drop"}]}`,
		`{"ops":[{"op":"reword","path":"/work/-1/name","text":"x"},{"op":"reword","path":"/work/0","text":"x"}]}`,
	} {
		f.Add([]byte(s))
	}
	sample, err := os.ReadFile("testdata/resume.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, ops []byte) {
		var tl Tailoring
		if json.Unmarshal(ops, &tl) != nil {
			return
		}
		master, err := ParseResume(sample)
		if err != nil {
			t.Fatal(err)
		}
		before, _ := json.Marshal(master)
		tailored, err := Apply(master, tl)
		if after, _ := json.Marshal(master); !bytes.Equal(before, after) {
			t.Fatalf("Apply(%s) changed the master", ops)
		}
		if err != nil {
			if ae, ok := errors.AsType[*app.Error](err); !ok || ae.Code != app.Invalid || len(ae.Fields) == 0 {
				t.Fatalf("Apply(%s): %v, not an Invalid error naming fields", ops, err)
			}
			return
		}
		m, tt := tree(t, master), tree(t, tailored)
		for _, section := range TailorableSections() {
			hidden := map[int]bool{}
			for _, op := range tl.Ops {
				if op.Kind == OpHide && op.Section == section {
					hidden[op.Index] = true
				}
			}
			ml, _ := m[section].([]any)
			left, _ := tt[section].([]any)
			if len(left) != len(ml)-len(hidden) {
				t.Errorf("%s: %d master entries, %d hidden, %d left", section, len(ml), len(hidden), len(left))
			}
		}
		if _, err := Diff(master, tailored); err != nil {
			t.Fatalf("Diff after Apply(%s): %v", ops, err)
		}
	})
}

func tree(t *testing.T, r Resume) map[string]any {
	t.Helper()
	doc, err := toTree(r)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// nonEmpty decodes JSON and drops what a Resume does not keep: members whose
// value is null, "", [] or {} (after dropping theirs). Array elements stay,
// as the empty mark, so that positions still compare. It returns nil for
// JSON that is not an object.
func nonEmpty(t *testing.T, doc []byte) map[string]any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("decode %q: %v", doc, err)
	}
	o, _ := dropEmpty(v).(map[string]any)
	return o
}

type emptyMark struct{}

func dropEmpty(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range v {
			if e = dropEmpty(e); e != (emptyMark{}) {
				out[k] = e
			}
		}
		if len(out) == 0 {
			return emptyMark{}
		}
		return out
	case []any:
		if len(v) == 0 {
			return emptyMark{}
		}
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = dropEmpty(e)
		}
		return out
	case nil:
		return emptyMark{}
	case string:
		if v == "" {
			return emptyMark{}
		}
	}
	return v
}
