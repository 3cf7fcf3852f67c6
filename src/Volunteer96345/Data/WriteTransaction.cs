using Microsoft.EntityFrameworkCore.Storage;

namespace Volunteer96345.Data;

/// <summary>A transaction opened by <see cref="AppDbContext.BeginWriteAsync"/>. Dispose without <see cref="CommitAsync"/> to roll back.</summary>
internal sealed class WriteTransaction(IDbContextTransaction? transaction, SemaphoreSlim? gate) : IAsyncDisposable
{
    public Task CommitAsync(CancellationToken cancellationToken = default) => transaction?.CommitAsync(cancellationToken) ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }
        }
        finally
        {
            gate?.Release();
        }
    }
}
