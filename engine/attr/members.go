package attr

import "github.com/ddbplay/ddbplay/engine/ddberr"

// Member is one attribute of an item: its name and value.
type Member struct {
	Name  string
	Value Value
}

// Members is an item as DecodeMembers gives it.
type Members struct {
	List []Member // its attributes by name (byte order), without repeats
	Size int      // its size (ItemSize)
	// PlainNames is set when every name was read as a plain string
	// (PlainString): without escapes, in ASCII. A hint, as
	// Value.KnownPlain: false says nothing.
	PlainNames bool
}

// DecodeMembers decodes the DynamoDB JSON object of an item at the start
// of data, as Item.DecodeJSONPrefix does (the same checks, the same
// values), into dst[:0] instead of a map: the members sorted by name
// (byte order), a repeated name keeping its last value. It returns the
// bytes read and the item (m.List is dst's array while it has room).
// It is for a caller that writes the item on without needing a map or a
// copy (the engine's PutItem and GetItem as served from a request body):
// the strings of the members (names and values) may be data's own bytes,
// so the caller must neither modify data while it uses them nor keep
// them (or the members) past that. Any error is the one DecodeJSONPrefix
// gives, but for null, which is an error here.
func DecodeMembers(data []byte, dst []Member) (n int, m Members, err error) {
	d := decoder{data: data, borrow: true}
	d.skipSpace()
	m, err = d.itemMembers(dst[:0])
	if err == nil {
		err = d.verr
	}
	if err != nil {
		return 0, Members{}, err
	}
	return d.pos, m, nil
}

// itemMembers is attrMap for the top level of an item (depth 0), into
// ms in name order. It repeats attrMap's walk of the object rather than
// sharing it through a callback: that indirect call per member measured
// ~3% slower a native PutItem (BenchmarkHandlerDirect), the request this
// path exists for.
func (d *decoder) itemMembers(ms []Member) (Members, error) {
	if d.pos >= len(d.data) || d.data[d.pos] != '{' {
		return Members{}, d.shapeError(shapeItem)
	}
	d.pos++
	size, plain := 0, true
	d.skipSpace()
	if d.pos < len(d.data) && d.data[d.pos] == '}' {
		d.pos++
		return Members{List: ms, PlainNames: true}, nil
	}
	for {
		d.skipSpace()
		name, err := d.name()
		if err != nil {
			return Members{}, err
		}
		plain = plain && d.plain
		if d.pos < len(d.data) && d.data[d.pos] == ':' {
			d.pos++
		} else if err := d.expect(':'); err != nil {
			return Members{}, err
		}
		d.skipSpace()
		var v Value
		if d.pos < len(d.data) && d.data[d.pos] == 'n' && d.literal("null") {
			d.validation(ddberr.Validation(msgValueEmpty))
		} else if v, err = d.attrValue(0); err != nil {
			return Members{}, err
		}
		ms = append(ms, Member{name, v})
		size += len(name) + Size(v)
		d.skipSpace()
		if d.pos < len(d.data) && d.data[d.pos] == ',' {
			d.pos++
			continue
		}
		if d.pos < len(d.data) && d.data[d.pos] == '}' {
			d.pos++
		} else if err := d.expect('}'); err != nil {
			return Members{}, err
		}
		ms, size = sortMembers(ms, size)
		return Members{List: ms, Size: size, PlainNames: plain}, nil
	}
}

// sortMembers sorts ms, an item's members as sent, by name, keeping of a
// repeated name its last value as a map would (size, the sum of every
// member's, loses the others'). Items have few attributes: an insertion
// sort, stable, deciding on the names' first bytes where it can.
func sortMembers(ms []Member, size int) ([]Member, int) {
	dup := false
	for i := 1; i < len(ms); i++ {
		m := ms[i]
		j := i
		for ; j > 0 && nameLess(m.Name, ms[j-1].Name); j-- {
			ms[j] = ms[j-1]
		}
		ms[j] = m
		dup = dup || j > 0 && sameName(m.Name, ms[j-1].Name)
	}
	if !dup {
		return ms, size
	}
	out := ms[:0]
	for i, m := range ms {
		if i+1 < len(ms) && sameName(m.Name, ms[i+1].Name) {
			size -= len(m.Name) + Size(m.Value)
			continue
		}
		out = append(out, m)
	}
	clear(ms[len(out):])
	return out, size
}

// nameLess is a < b, deciding on the first bytes where it can without a
// call (names mostly differ there).
func nameLess(a, b string) bool {
	if len(a) > 0 && len(b) > 0 && a[0] != b[0] {
		return a[0] < b[0]
	}
	return a < b
}

// sameName is a == b, deciding on the first bytes where it can.
func sameName(a, b string) bool {
	return len(a) == len(b) && (len(a) == 0 || a[0] == b[0]) && a == b
}
