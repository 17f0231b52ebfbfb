package ddberr

// The namespaces DynamoDB puts before '#' in the "__type" of an error body:
// its own for the errors of its API model (the Developer Guide's example is
// "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException"), and those
// of the service framework for input validation ("com.amazon.coral.validate#
// ValidationException") and for requests it cannot read or route
// ("com.amazon.coral.service#SerializationException", …), as DynamoDB's
// answers quoted in the SDKs' issue trackers show. SDKs read only the part
// after '#'.
const (
	TypePrefix     = "com.amazonaws.dynamodb.v20120810#"
	ValidatePrefix = "com.amazon.coral.validate#"
	ServicePrefix  = "com.amazon.coral.service#"
)

// Namespace returns the namespace (ending in '#') of the "__type" of an
// error of type typ.
func Namespace(typ string) string {
	switch typ {
	case TypeValidation:
		return ValidatePrefix
	case TypeSerialization, TypeUnknownOperation, TypeMissingAuthenticationToken:
		return ServicePrefix
	}
	return TypePrefix
}

// Error is a DynamoDB error as the client sees it.
type Error struct {
	// Type is DynamoDB's error type, e.g. "ValidationException".
	Type string
	// Message is the human-readable text, in DynamoDB's wording.
	Message string
	// Status is the HTTP status code (400 for client errors).
	Status int
	// Fields are extra members of the error body, e.g. "Item" for a
	// ConditionalCheckFailedException or "CancellationReasons" for a
	// TransactionCanceledException. A value is nil, a string, a bool, an
	// int or int64, a map[string]string, a []any or map[string]any of
	// such values, or a non-nil value with a MarshalJSON method (as
	// json.Marshaler) that returns compact JSON.
	Fields map[string]any
}

func (e *Error) Error() string { return e.Type + ": " + e.Message }

// Is reports whether target is an *Error of the same Type, so that
// errors.Is(err, ErrValidation) matches every ValidationException.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Type == e.Type
}

// With returns a copy of e carrying the extra body field name=value.
func (e *Error) With(name string, value any) *Error {
	c := *e
	c.Fields = make(map[string]any, len(e.Fields)+1)
	for k, v := range e.Fields {
		c.Fields[k] = v
	}
	c.Fields[name] = value
	return &c
}

// MarshalJSON encodes the error body as DynamoDB sends it:
// {"__type":"<Namespace(Type)>Type","message":"…", …Fields},
// byte for byte as encoding/json writes the map of these members: names in
// ascending order, strings not HTML-escaped (DynamoDB sends "<EOF>" in
// syntax errors as it is). It fails only for a Fields value of a type it
// cannot write (see Fields).
func (e *Error) MarshalJSON() ([]byte, error) {
	body := make(map[string]any, len(e.Fields)+2)
	for k, v := range e.Fields {
		body[k] = v
	}
	body["__type"] = Namespace(e.Type) + e.Type
	body["message"] = e.Message
	return appendValue(make([]byte, 0, 128), body)
}

// New returns an error of the given type with status 400.
func New(typ, message string) *Error {
	return &Error{Type: typ, Message: message, Status: 400}
}

// Newf is New with a formatted message.
func Newf(typ, format string, args ...any) *Error {
	return New(typ, Sprintf(format, args...))
}

// Validation returns a ValidationException with a formatted message.
func Validation(format string, args ...any) *Error {
	return Newf(TypeValidation, format, args...)
}

// Internal returns an InternalServerError (HTTP 500).
func Internal(format string, args ...any) *Error {
	e := Newf(TypeInternalServerError, format, args...)
	e.Status = 500
	return e
}

// As returns err as an *Error, wrapping anything else as an
// InternalServerError so that callers always have a DynamoDB error to send.
func As(err error) *Error {
	if err == nil {
		return nil
	}
	if e, ok := err.(*Error); ok {
		return e
	}
	return Internal("%s", err.Error())
}
