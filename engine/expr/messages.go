package expr

import (
	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// Every message text a user can see from this package lives here, in
// DynamoDB's wording. Messages of the expression kinds get the prefix
// "Invalid <Kind>Expression: " from Kind.errorf.
const (
	msgEmpty           = "The expression can not be empty;"
	msgTooLong         = "Expression size has exceeded the maximum allowed size; expression size: %d"
	msgSyntax          = "Syntax error; token: \"%s\", near: \"%s\""
	msgReserved        = "Attribute name is a reserved keyword; reserved keyword: %s"
	msgTooDeep         = "The expression has too many nested levels; maximum nesting depth: %d"
	msgPathTooDeep     = "The document path has too many nesting levels; nesting levels: %d"
	msgRedundantParens = "The expression has redundant parentheses;"
	msgBadFunction     = "Invalid function name; function: %s"
	msgFuncMisuse      = "The function is not allowed to be used this way in an expression; function: %s"
	msgFuncInUpdate    = "The function is not allowed in an update expression; function: %s"
	msgArity           = "Incorrect number of operands for operator or function; operator or function: %s, number of operands: %d"
	msgNeedPath        = "Operator or function requires a document path; operator or function: %s"
	msgOperandType     = "Incorrect operand type for operator or function; operator or function: %s, operand type: %s"
	msgUpdOperandType  = "Incorrect operand type for operator or function; operator: %s, operand type: %s"
	msgAttrTypeName    = "Invalid attribute type name found; type: %s, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}"
	msgBetweenBounds   = "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {%s:%s}, upper bound operand: AttributeValue: {%s:%s}"
	msgNotDistinct     = "The first operand must be distinct from the remaining operands for this operator or function; operator: %s, first operand: %s"
	msgInTooMany       = "The IN operator is provided with too many operands; number of operands: %d"
	msgUndefinedName   = "An expression attribute name used in the document path is not defined; attribute name: %s"
	msgUndefinedValue  = "An expression attribute value used in expression is not defined; attribute value: %s"
	msgSectionTwice    = "The \"%s\" section can only be used once in an update expression;"
	msgOverlap         = "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: %s, path two: %s"
	msgConflict        = "Two document paths conflict with each other; must remove or rewrite one of these paths; path one: %s, path two: %s"
)

// Messages without a kind prefix.
const (
	msgUnused     = "Value provided in %s unused in expressions: keys: {%s}"
	msgInvalidKey = "%s contains invalid key: Syntax error; key: \"%s\""
	// msgEmptyName and msgEmptyAttrName refuse an empty attribute name
	// (names are at least one character: the Developer Guide's naming
	// rules). DynamoDB's wording is not documented; these are ddbplay's.
	msgEmptyName = "ExpressionAttributeNames contains invalid value: Empty attribute name for key %s"

	// Update.Apply, raised when the item is read.
	msgNoSuchAttr     = "The provided expression refers to an attribute that does not exist in the item"
	msgBadDataType    = "An operand in the update expression has an incorrect data type"
	msgBadUpdatePath  = "The document path provided in the update expression is invalid for update"
	msgLegacyMismatch = "One or more parameter values were invalid: Type mismatch for attribute to update"

	// SplitKeyCondition.
	msgKeyNotSupported = "Query key condition not supported"
	msgKeyMissed       = "Query condition missed key schema element: %s"
	msgKeyTwice        = "KeyConditionExpressions must only contain one condition per key"
	msgKeyOperator     = "Invalid operator used in KeyConditionExpression: %s"
	msgKeyNotIndexable = "Attempted conditional constraint is not an indexable operation"

	// Legacy parameters.
	msgInvalidParams       = "One or more parameter values were invalid: "
	msgEmptyAttrName       = msgInvalidParams + "An attribute name can not be empty"
	msgLegacyArgCount      = msgInvalidParams + "Invalid number of argument(s) for the %s ComparisonOperator"
	msgLegacyArgType       = msgInvalidParams + "ComparisonOperator %s is not valid for %s AttributeValue type"
	msgLegacyInSameType    = msgInvalidParams + "AttributeValues inside AttributeValueList must be of same type"
	msgLegacyBetween       = msgInvalidParams + "The BETWEEN condition was provided a range where the lower bound is greater than the upper bound"
	msgLegacyExistsTrue    = msgInvalidParams + "Value must be provided when Exists is true for Attribute: %s"
	msgLegacyExistsNull    = msgInvalidParams + "Value must be provided when Exists is null for Attribute: %s"
	msgLegacyExistsFalse   = msgInvalidParams + "Value cannot be used when Exists is false for Attribute: %s"
	msgLegacyValueWithOp   = msgInvalidParams + "Value or Exists cannot be used with ComparisonOperator for Attribute: %s"
	msgLegacyListWithoutOp = msgInvalidParams + "AttributeValueList can only be used with a ComparisonOperator for Attribute: %s"
	msgLegacyOpEnum        = "1 validation error detected: Value '%s' at '%s.%s.member.comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: [IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]"
	msgLegacyCondOpEnum    = "1 validation error detected: Value '%s' at 'conditionalOperator' failed to satisfy constraint: Member must satisfy enum value set: [OR, AND]"
	msgLegacyNoValue       = msgInvalidParams + "Only DELETE action is allowed when no attribute value is specified"
	msgLegacyAddType       = msgInvalidParams + "ADD action is not supported for the type %s"
	msgLegacyDeleteType    = msgInvalidParams + "DELETE action with value is not supported for the type %s"
	msgLegacyActionEnum    = "1 validation error detected: Value '%s' at 'attributeUpdates.%s.member.action' failed to satisfy constraint: Member must satisfy enum value set: [ADD, PUT, DELETE]"
	msgLegacyDuplicate     = msgInvalidParams + "Duplicate value in attribute name: %s"
)

// param returns the request parameter the kind names.
func (k Kind) param() string {
	switch k {
	case KindCondition:
		return "ConditionExpression"
	case KindFilter:
		return "FilterExpression"
	case KindKeyCondition:
		return "KeyConditionExpression"
	case KindProjection:
		return "ProjectionExpression"
	case KindUpdate:
		return "UpdateExpression"
	}
	return "Expression"
}

// String returns the request parameter the kind names, e.g. "ConditionExpression".
func (k Kind) String() string { return k.param() }

// errorf returns a ValidationException "Invalid <Kind>Expression: <message>".
func (k Kind) errorf(format string, args ...any) *ddberr.Error {
	return ddberr.Validation("Invalid %s: %s", k.param(), ddberr.Sprintf(format, args...))
}

// longTypeName is the type name DynamoDB prints for ADD and DELETE operands.
func longTypeName(t attr.Type) string {
	switch t.String() {
	case "S":
		return "STRING"
	case "N":
		return "NUMBER"
	case "B":
		return "BINARY"
	case "BOOL":
		return "BOOLEAN"
	case "NULL":
		return "NULL"
	case "M":
		return "MAP"
	case "L":
		return "LIST"
	}
	return t.String()
}

const msgLegacyToGetEmpty = "1 validation error detected: Value '[]' at 'attributesToGet' failed to satisfy constraint: Member must have length greater than or equal to 1"

// How a request's expression parameters combine (Params.Resolver,
// ConditionParam).
const (
	msgValuesWithoutExprFmt     = "ExpressionAttributeValues can only be specified when using expressions: %s"
	msgConditionalOperatorAlone = "ConditionalOperator can only be used when Expected has two or more elements"
	msgMixedParamsFmt           = "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {%s} Expression parameters: {%s}"
	msgNamesWithoutExpr         = "ExpressionAttributeNames can only be specified when using expressions"
	msgNamesEmpty               = "ExpressionAttributeNames must not be empty"
	msgValuesEmpty              = "ExpressionAttributeValues must not be empty"
)
