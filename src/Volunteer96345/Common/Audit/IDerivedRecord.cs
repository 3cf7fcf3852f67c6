namespace Volunteer96345.Common.Audit;

/// <summary>
/// A row the system adds as a consequence of another change in the same transaction (an order's SLA timers, the
/// messages that tell people about it). The audit records its later changes and its deletion, not its creation: the
/// change that caused it is recorded already.
/// </summary>
internal interface IDerivedRecord;
