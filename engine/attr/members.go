package attr

import "github.com/ddbplay/ddbplay/engine/ddberr"

// Member is one attribute of an item: its name and value.
type Member struct {
	Name  string
	Value Value
}

// DecodeMembers decodes the DynamoDB JSON object of an item at the start
// of data, as Item.DecodeJSONPrefix does (the same checks, the same
// values), into dst[:0] instead of a map: the members sorted by name
// (byte order), a repeated name keeping its last value. It returns the
// bytes read, the members and the item's size (ItemSize). It is for a
// caller that writes the item on without needing a map (the engine's
// PutItem and GetItem as served from a request body); any error is the
// one DecodeJSONPrefix gives, but for null, which is an error here.
func DecodeMembers(data []byte, dst []Member) (n int, ms []Member, size int, err error) {
	d := decoder{data: data}
	d.skipSpace()
	ms, size, err = d.itemMembers(dst[:0])
	if err == nil {
		err = d.verr
	}
	if err != nil {
		return 0, nil, 0, err
	}
	return d.pos, ms, size, nil
}

// itemMembers is attrMap for the top level of an item (depth 0), into
// ms in name order, with the item's size.
func (d *decoder) itemMembers(ms []Member) ([]Member, int, error) {
	if d.pos >= len(d.data) || d.data[d.pos] != '{' {
		return nil, 0, d.shapeError(shapeItem)
	}
	d.pos++
	size := 0
	d.skipSpace()
	if d.pos < len(d.data) && d.data[d.pos] == '}' {
		d.pos++
		return ms, 0, nil
	}
	for {
		d.skipSpace()
		name, err := d.name()
		if err != nil {
			return nil, 0, err
		}
		if d.pos < len(d.data) && d.data[d.pos] == ':' {
			d.pos++
		} else if err := d.expect(':'); err != nil {
			return nil, 0, err
		}
		d.skipSpace()
		var v Value
		if d.pos < len(d.data) && d.data[d.pos] == 'n' && d.literal("null") {
			d.validation(ddberr.Validation(msgValueEmpty))
		} else if v, err = d.attrValue(0); err != nil {
			return nil, 0, err
		}
		// Insert in order: items have few attributes, mostly sent in no
		// order; a repeated name replaces its value, as in a map.
		i := len(ms)
		for i > 0 && name < ms[i-1].Name {
			i--
		}
		size += len(name) + Size(v)
		if i > 0 && ms[i-1].Name == name {
			size -= len(name) + Size(ms[i-1].Value)
			ms[i-1].Value = v
		} else {
			ms = append(ms, Member{})
			copy(ms[i+1:], ms[i:])
			ms[i] = Member{name, v}
		}
		d.skipSpace()
		if d.pos < len(d.data) && d.data[d.pos] == ',' {
			d.pos++
			continue
		}
		if d.pos < len(d.data) && d.data[d.pos] == '}' {
			d.pos++
		} else if err := d.expect('}'); err != nil {
			return nil, 0, err
		}
		return ms, size, nil
	}
}
