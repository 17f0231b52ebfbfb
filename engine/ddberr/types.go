package ddberr

// DynamoDB's error type names.
const (
	TypeValidation                      = "ValidationException"
	TypeSerialization                   = "SerializationException"
	TypeUnknownOperation                = "UnknownOperationException"
	TypeResourceNotFound                = "ResourceNotFoundException"
	TypeResourceInUse                   = "ResourceInUseException"
	TypeConditionalCheckFailed          = "ConditionalCheckFailedException"
	TypeTransactionCanceled             = "TransactionCanceledException"
	TypeTransactionConflict             = "TransactionConflictException"
	TypeTransactionInProgress           = "TransactionInProgressException"
	TypeIdempotentParameterMismatch     = "IdempotentParameterMismatchException"
	TypeItemCollectionSizeLimitExceeded = "ItemCollectionSizeLimitExceededException"
	TypeLimitExceeded                   = "LimitExceededException"
	TypeProvisionedThroughputExceeded   = "ProvisionedThroughputExceededException"
	TypeRequestLimitExceeded            = "RequestLimitExceeded"
	TypeThrottling                      = "ThrottlingException"
	TypeInternalServerError             = "InternalServerError"
	TypeMissingAuthenticationToken      = "MissingAuthenticationTokenException"
	TypeDuplicateItem                   = "DuplicateItemException"
)

// Sentinels for errors.Is. Compare by Type only; never return these directly.
var (
	ErrValidation                      = &Error{Type: TypeValidation}
	ErrSerialization                   = &Error{Type: TypeSerialization}
	ErrUnknownOperation                = &Error{Type: TypeUnknownOperation}
	ErrResourceNotFound                = &Error{Type: TypeResourceNotFound}
	ErrResourceInUse                   = &Error{Type: TypeResourceInUse}
	ErrConditionalCheckFailed          = &Error{Type: TypeConditionalCheckFailed}
	ErrTransactionCanceled             = &Error{Type: TypeTransactionCanceled}
	ErrTransactionConflict             = &Error{Type: TypeTransactionConflict}
	ErrIdempotentParameterMismatch     = &Error{Type: TypeIdempotentParameterMismatch}
	ErrItemCollectionSizeLimitExceeded = &Error{Type: TypeItemCollectionSizeLimitExceeded}
	ErrLimitExceeded                   = &Error{Type: TypeLimitExceeded}
	ErrInternalServerError             = &Error{Type: TypeInternalServerError}
	ErrDuplicateItem                   = &Error{Type: TypeDuplicateItem}
)
