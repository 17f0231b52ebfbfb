package attr

// Trusted constructors, for code that rebuilds values it encoded itself
// (storage decoding its records). They skip the parsing and checks of N,
// B, SS, NS and BS, so they must only be given what those produced; given
// anything else they build a Value that breaks attr's invariants (a
// non-canonical number, a set with duplicates), and later results
// (Equal, Compare, Size, JSON) are undefined.

// TrustedN returns the N value whose canonical text is canon. canon must
// be text that came out of Value.NumText() of a valid N value (or of an NS
// member); it is kept without a copy or a check.
func TrustedN(canon string) Value { return Value{t: TypeN, s: canon} }

// TrustedB returns the B value holding the bytes of data, kept without a
// copy (a string is immutable, so none is needed).
func TrustedB(data string) Value { return Value{t: TypeB, s: data} }

// TrustedSet returns the set of type t (TypeSS, TypeNS or TypeBS) holding
// members, in their order. members must be the Members() of a valid set of
// type t (or values rebuilt from them with S, TrustedN and TrustedB): at
// least one, all of t's member type, no two equal. The slice is kept, not
// copied, and not checked.
func TrustedSet(t Type, members []Value) Value { return Value{t: t, l: members} }
