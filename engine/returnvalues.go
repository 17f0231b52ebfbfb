package engine

import (
	"slices"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/expr"
)

// ReturnValues and ReturnValuesOnConditionCheckFailure values.
const (
	rvNone       = "NONE"
	rvAllOld     = "ALL_OLD"
	rvUpdatedOld = "UPDATED_OLD"
	rvAllNew     = "ALL_NEW"
	rvUpdatedNew = "UPDATED_NEW"
)

// returnValues records a violation unless s is "" or one of DynamoDB's
// five ReturnValue names.
func (v *violations) returnValues(s string) {
	v.enum("returnValues", s, rvAllNew, rvUpdatedOld, rvAllOld, rvNone, rvUpdatedNew)
}

// returnValuesOnFailure records a violation unless s is "", ALL_OLD or NONE.
func (v *violations) returnValuesOnFailure(s string) {
	v.enum("returnValuesOnConditionCheckFailure", s, rvAllOld, rvNone)
}

// returnItemCollectionMetrics records a violation unless s is "", SIZE or NONE.
func (v *violations) returnItemCollectionMetrics(s string) {
	v.enum("returnItemCollectionMetrics", s, "SIZE", rvNone)
}

// checkReturnValues rejects a ReturnValues value (already known to be one
// of the five names) that the operation does not support: DynamoDB's
// "Return values set to invalid value".
func checkReturnValues(s string, allowed ...string) error {
	if s == "" || slices.Contains(allowed, s) {
		return nil
	}
	return validationf(msgReturnValuesInvalid)
}

// conditionFailed returns DynamoDB's ConditionalCheckFailedException; with
// ReturnValuesOnConditionCheckFailure ALL_OLD and an existing item, the
// item rides along in the body as "Item".
func conditionFailed(old attr.Item, onFailure string) error {
	e := ddberr.New(ddberr.TypeConditionalCheckFailed, msgConditionFailed)
	if onFailure == rvAllOld && old != nil {
		return e.With("Item", old)
	}
	return e
}

// projectPaths returns the parts of item that the document paths select,
// as UPDATED_OLD and UPDATED_NEW report them: a nested path keeps the maps
// around it, list elements keep their order and close up. Paths missing
// from item are left out. item is not modified.
func projectPaths(item attr.Item, paths []expr.Path) attr.Item {
	if item == nil || len(paths) == 0 {
		return nil
	}
	root := map[string]*selection{}
	for _, p := range paths {
		n := root[p.Name]
		if n == nil {
			n = &selection{}
			root[p.Name] = n
		}
		for _, s := range p.Steps {
			n = n.child(s)
		}
		n.all = true
	}
	out := attr.Item{}
	for name, n := range root {
		if v, ok := item[name]; ok {
			if pv, ok := n.apply(v); ok {
				out[name] = pv
			}
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// selection is a tree of the document-path parts selected below a value.
type selection struct {
	all  bool
	keys map[string]*selection
	idx  map[int]*selection
}

func (s *selection) child(st expr.Step) *selection {
	if st.Index < 0 {
		if s.keys == nil {
			s.keys = map[string]*selection{}
		}
		c := s.keys[st.Key]
		if c == nil {
			c = &selection{}
			s.keys[st.Key] = c
		}
		return c
	}
	if s.idx == nil {
		s.idx = map[int]*selection{}
	}
	c := s.idx[st.Index]
	if c == nil {
		c = &selection{}
		s.idx[st.Index] = c
	}
	return c
}

// apply returns the selected part of v, or false when nothing selected exists.
func (s *selection) apply(v attr.Value) (attr.Value, bool) {
	if s.all {
		return v, true
	}
	switch {
	case v.Type() == attr.TypeM && s.keys != nil:
		m := map[string]attr.Value{}
		for k, c := range s.keys {
			if mv, ok := v.Map()[k]; ok {
				if pv, ok := c.apply(mv); ok {
					m[k] = pv
				}
			}
		}
		if len(m) > 0 {
			return attr.M(m), true
		}
	case v.Type() == attr.TypeL && s.idx != nil:
		idx := make([]int, 0, len(s.idx))
		for i := range s.idx {
			idx = append(idx, i)
		}
		slices.Sort(idx)
		var l []attr.Value
		elems := v.List()
		for _, i := range idx {
			if i < len(elems) {
				if pv, ok := s.idx[i].apply(elems[i]); ok {
					l = append(l, pv)
				}
			}
		}
		if len(l) > 0 {
			return attr.L(l), true
		}
	}
	return attr.Value{}, false
}
