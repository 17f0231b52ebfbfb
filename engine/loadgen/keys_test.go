package loadgen

import (
	"testing"

	"github.com/ddbplay/ddbplay/engine/attr"
)

func TestKeyText_AgreesWithKeyValue(t *testing.T) {
	n := 3*keyBlock + 17
	kt := newKeyText(n)
	for _, typ := range []string{"S", "N", "B"} {
		for _, k := range []int{0, 1, 9, 10, 99, 100, 999, 1000, keyBlock - 1, keyBlock, 2*keyBlock + 5, 9999, 10000, n - 1} {
			if got, want := kt.value(typ, k), KeyValue(typ, k); !attr.Equal(got, want) {
				t.Errorf("value(%s, %d) = %v, want %v", typ, k, got, want)
			}
		}
	}
	if got := kt.text(123456 % n); got != "k"+itoa(int64(123456%n)) {
		t.Errorf("text = %q", got)
	}
}

func TestKeyText_AllocatesOncePerBlock(t *testing.T) {
	kt := newKeyText(2 * keyBlock)
	kt.text(0)
	if a := testing.AllocsPerRun(100, func() { kt.value("S", 4000); kt.value("N", 17) }); a != 0 {
		t.Errorf("%v allocations per key of a built block, want 0", a)
	}
}
