package account

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

func TestHasher(t *testing.T) {
	ctx := context.Background()
	h := NewHasher()
	enc, err := h.Hash(ctx, "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		password string
		want     bool
	}{{"correct horse battery", true}, {"correct horse batterY", false}, {"", false}} {
		if ok, err := h.Verify(ctx, tc.password, enc); ok != tc.want || err != nil {
			t.Fatalf("Verify(%q) = %v, %v", tc.password, ok, err)
		}
	}
	if again, _ := h.Hash(ctx, "correct horse battery"); again == enc {
		t.Fatal("two hashes of one password are equal: the salt is not random")
	}
	if _, err := h.Verify(ctx, "x", "$bcrypt$whatever"); err == nil {
		t.Fatal("an unknown format verified without error")
	}
}

// TestDummyHashMatchesParameters keeps the unknown-email path as slow as a
// real check: the fixed dummy hash must use today's parameters.
func TestDummyHashMatchesParameters(t *testing.T) {
	want := fmt.Sprintf("$m=%d,t=%d,p=%d$", argonMemory, argonTime, argonThreads)
	if !strings.Contains(dummyHash, want) {
		t.Fatalf("dummyHash %s does not use %s: regenerate it with Hasher.Hash", dummyHash, want)
	}
	if ok, err := NewHasher().Verify(context.Background(), "guess", dummyHash); ok || err != nil {
		t.Fatalf("dummy verify: %v %v", ok, err)
	}
}
