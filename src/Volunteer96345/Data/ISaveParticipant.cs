namespace Volunteer96345.Data;

/// <summary>
/// A module's work inside the transaction of every asynchronous save, after the changes are detected and before the audit
/// and EF Core's own writes, registered by the module as a singleton: what it writes commits or rolls back with the save.
/// For upkeep that follows from a change without the handler having to know (a met milestone spends its deadlines); a
/// participant must not make correctness depend on it, since a synchronous save (none in the app) and a group commit of
/// pure additions do not call it.
/// </summary>
internal interface ISaveParticipant
{
    Task BeforeWriteAsync(AppDbContext db, CancellationToken cancellationToken);
}
