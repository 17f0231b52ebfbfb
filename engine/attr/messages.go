package attr

// Every message text attr returns, in DynamoDB's wording where DynamoDB has
// one. Formats take the arguments noted beside them.
const (
	// Numbers.
	msgNumberInvalid   = "The parameter cannot be converted to a numeric value: %s" // the text as given
	msgNumberOverflow  = "Number overflow. Attempting to store a number with magnitude larger than supported range"
	msgNumberUnderflow = "Number underflow. Attempting to store a number with magnitude smaller than supported range"
	msgNumberDigits    = "Attempting to store more than 38 significant digits in a Number"

	// Sets.
	msgSetEmpty      = "One or more parameter values were invalid: An %s set  may not be empty"              // "string", "number" or "binary"
	msgSetDuplicates = "One or more parameter values were invalid: Input collection %s contains duplicates." // "[a, a]"

	// Attribute values.
	msgValueEmpty     = "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"
	msgValueMultiple  = "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes"
	msgNullNotTrue    = "One or more parameter values were invalid: Null attribute value types must have the value of true"
	msgNestingTooDeep = "Nesting Levels have exceeded supported limits: Nesting levels has exceeded the maximum allowed"

	// JSON shape (SerializationException).
	msgConvert          = "%s cannot be converted to %s"          // token name ("NUMBER_VALUE"), Java type ("String")
	msgCollectionType   = "Unrecognized collection type class %s" // Java class name
	msgUnexpectedMap    = "Start of structure or map found where not expected."
	msgUnexpectedList   = "Start of list found where not expected"
	msgUnexpectedField  = "Unexpected field type"
	msgUnexpectedValue  = "Unexpected value type in payload"
	msgBlobNotString    = "only base-64-encoded strings are convertible to bytes"
	msgBase64Length     = "Base64 encoded length is expected a multiple of 4 bytes but found: %d"
	msgBase64Char       = "Invalid Base64 character: %q"
	msgBase64LastChar   = "Invalid last non-pad Base64 character dectected"
	msgJSONSyntax       = "Unexpected character at offset %d: %s"
	msgJSONEnd          = "Unexpected end of input at offset %d"
	msgJSONTooDeep      = "JSON nesting exceeds the supported depth"
	msgJSONInvalidUTF8  = "Invalid UTF-8 in string at offset %d"
	msgJSONTrailingData = "Unexpected data after the value at offset %d"
)

// Arithmetic on a non-number.
const msgArithTypes = "An operand in the update expression has an incorrect data type"
