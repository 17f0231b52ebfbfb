package validate

// Texts of a ValidationException made of constraint violations.
const (
	msgOneViolationFmt = "1 validation error detected: %s"
	msgViolationsFmt   = "%d validation errors detected: %s"
)

// Constraint violations: msgViolationFmt takes the rendered value, the
// member path and one of the constraint texts.
const (
	msgViolationFmt = "Value %s at '%s' failed to satisfy constraint: %s"

	NotNull   = "Member must not be null"
	NameRe    = "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"
	EnumFmt   = "Member must satisfy enum value set: [%s]"
	MinLenFmt = "Member must have length greater than or equal to %d"
	MaxLenFmt = "Member must have length less than or equal to %d"
	MinValFmt = "Member must have value greater than or equal to %d"
	MaxValFmt = "Member must have value less than or equal to %d"
	// MapValueFmt is the constraint on each list of a batch's RequestItems.
	MapValueFmt = "Map value must satisfy constraint: [Member must have length less than or equal to %d, Member must have length greater than or equal to 1]"
)
