namespace Volunteer96345.Data;

/// <summary>
/// A module's check of its own records (the points ledger balances), registered by the module: the operator command
/// named here runs it alone, and every restore runs them all. Data knows the checks only through this.
/// </summary>
internal interface IRecordsCheck
{
    /// <summary>The operator command that runs it alone, e.g. <c>verify-ledger</c>.</summary>
    string Command { get; }

    Task<(bool Holds, string Message)> VerifyAsync(CancellationToken cancellationToken);
}
