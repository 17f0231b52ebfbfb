package read

// Every message text a user can see from this package lives here, in
// DynamoDB's wording: the rules of Query's and Scan's shared parameters
// (Spec) and of a parallel Scan's segments.
const (
	msgSelectCountProjFmt  = "Cannot specify the %s when choosing to get only the Count"
	msgSelectAllProjFmt    = "Cannot specify the %s when choosing to get %s"
	MsgSpecificNeedsProj   = "Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES"
	msgAllProjectedNoIndex = "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName"
	msgAllProjectedScan    = "ALL_PROJECTED_ATTRIBUTES can be used only when Scanning using an IndexName"
	msgFilterOnKeyFmt      = "Filter Expression can only contain non-primary key attributes: Primary key attribute: %s"
	msgLegacyFilterKeyFmt  = "%s can only contain non-primary key attributes: Primary key attribute: %s"
	MsgSegmentNoTotal      = "The TotalSegments parameter is required but was not present in the request when Segment parameter is present"
	MsgTotalNoSegment      = "The Segment parameter is required but was not present in the request when parameter TotalSegments is present"
	msgSegmentOutOfFmt     = "The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: %d is out of bounds of TotalSegments: %d"
)
