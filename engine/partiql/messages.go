package partiql

import "github.com/ddbplay/ddbplay/engine/ddberr"

// Every message text a user can see from this package lives here. The
// prefixes are DynamoDB's; where DynamoDB's detail after a syntax error is
// not documented, the detail is ours (README: PartiQL).
const (
	msgEmpty          = "1 validation error detected: Value '' at 'statement' failed to satisfy constraint: Member must have length greater than or equal to 1"
	msgTooLong        = "1 validation error detected: Value at 'statement' failed to satisfy constraint: Member must have length less than or equal to 8192"
	msgSyntax         = "Statement wasn't well formed, can't be processed: %s"
	msgUnexpected     = "Unexpected token: %s"
	msgUnexpectedEnd  = "Unexpected end of statement"
	msgUnterminated   = "Unterminated quoted text: %s"
	msgBadChar        = "Invalid character: %s"
	msgTooDeep        = "Statement is nested too deeply; maximum nesting depth: %d"
	msgBadNumber      = "Invalid number literal: %s"
	msgUnknownFunc    = "Unsupported function: %s"
	msgArity          = "Incorrect number of arguments for function: %s"
	msgParamCount     = "Number of parameters in request and statement doesn't match."
	msgKeyEquality    = "Where clause does not contain a mandatory equality on all key attributes"
	msgInsertMany     = "Unsupported operation: Inserting multiple items in a single statement is not supported, use \"INSERT INTO tableName VALUE item\" instead"
	msgInsertNotTuple = "Unsupported operation: The item to insert must be a tuple, e.g. {'pk': 1}"
	msgInsertLiteral  = "Unsupported operation: Only literal values and parameters can be inserted; found a path or function in the item"
	msgSetLiteral     = "Unsupported operation: a set literal must hold strings, numbers or binaries of one type"
	msgOrderByScan    = "Must have WHERE clause in the statement when using ORDER BY clause."
	msgOrderByKey     = "Variable reference [%s] must be a key attribute in ORDER BY clause"
	msgIsOperand      = "Unsupported operation: the left side of IS must be a document path"
	msgFuncPath       = "Unsupported operation: the first argument of %s must be a document path"
	msgSetFuncPath    = "Unsupported operation: %s must name the attribute being set as its first argument"
	msgDuplicateKey   = "Duplicate attribute name in tuple: %s"
	msgReturningKind  = "RETURNING clause is not supported for %s statements with %s"
	msgWhereOperand   = "Unsupported operation: %s is not supported in a WHERE clause"
)

// syntaxErr returns the ValidationException for a malformed statement.
func syntaxErr(format string, args ...any) *ddberr.Error {
	return ddberr.Validation(msgSyntax, ddberr.Sprintf(format, args...))
}

// validation returns a ValidationException with a formatted message.
func validation(format string, args ...any) *ddberr.Error {
	return ddberr.Validation(format, args...)
}
