using System.Collections.Concurrent;
using System.Data.Common;
using System.Text;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Volunteer96345.Common.Audit;

namespace Volunteer96345.Data;

/// <summary>
/// Group commit for saves that only add rows (the intake's order with its offers, events, timers and outbox rows):
/// concurrent saves queue here and one writer commits all that are waiting in one transaction, each in a savepoint of its
/// own, so a save that fails (a city order that arrived twice at once) leaves the others intact. The rows are written with
/// INSERT statements built once per table from the EF model, through the model's own type mappings, so each value is
/// stored exactly as EF Core would store it; the audit rows are chained on in the writer, in commit order. A caller is
/// answered only after the commit. See docs/decisions/0019-group-commit.md.
/// </summary>
internal sealed class GroupCommit(DatabaseConnections connections, ILogger<GroupCommit> logger) : IAsyncDisposable
{
    /// <summary>The most saves one transaction carries; a larger queue is written in several.</summary>
    public const int MaxBatch = 64;

    private readonly Channel<PendingSave> _queue = Channel.CreateUnbounded<PendingSave>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<IEntityType, TableInsert> _tables = new();
    private readonly Lock _start = new();
    private Task? _writer;

    private readonly ConcurrentDictionary<IEntityType, int> _depths = new();
    private string? _auditHead;

    /// <summary>
    /// Queues the <paramref name="added"/> entities of <paramref name="db"/> with their audit rows and waits until the
    /// writer has committed them; then gives the entities the keys the database generated for them.
    /// </summary>
    public async Task SaveAsync(AppDbContext db, List<EntityEntry> added, List<(AuditTrail.Change Change, string Json)> audit)
    {
        _auditHead ??= AuditHeadSql(db);
        var rows = new List<Row>(added.Count);
        foreach (var entry in added.OrderBy(e => Depth(e.Metadata, 0)))
        {
            var table = _tables.GetOrAdd(entry.Metadata, type => TableInsert.For(db, type));
            rows.Add(new Row(table, table.Values(entry), entry));
        }

        var save = new PendingSave(rows, audit, db.CurrentUser.UserId, db.CurrentUser.Name, AuditTrail.At(db.Clock),
            _tables.GetOrAdd(db.Model.FindEntityType(typeof(AuditEntry))!, type => TableInsert.For(db, type)), _auditHead);
        EnsureWriter();
        await _queue.Writer.WriteAsync(save);
        await save.Done.Task;
        foreach (var row in rows)
        {
            if (row.Table.GeneratedKey is { } key && row.GeneratedKey is { } value)
            {
                var property = row.Entry.Property(key.Name);
                property.CurrentValue = Convert.ChangeType(value, key.ClrType, System.Globalization.CultureInfo.InvariantCulture);
                property.IsTemporary = false;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_writer is not null)
        {
            await _writer;
        }
    }

    private void EnsureWriter()
    {
        if (_writer is null)
        {
            lock (_start)
            {
                _writer ??= Task.Run(WriteAllAsync);
            }
        }
    }

    private async Task WriteAllAsync()
    {
        var batch = new List<PendingSave>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var save))
            {
                batch.Add(save);
            }

            try
            {
                await WriteAsync(batch);
            }
            catch (Exception e)
            {
                logger.Log(e is DbUpdateException ? LogLevel.Warning : LogLevel.Error, e, "A group commit of {Count} saves failed.", batch.Count);
                foreach (var save in batch)
                {
                    save.Done.TrySetException(new DbUpdateException("The group commit failed: " + e.Message, e));
                }
            }
        }
    }

    private async Task WriteAsync(List<PendingSave> batch)
    {
        var gate = connections.WriteGate();
        if (gate is not null)
        {
            await gate.WaitAsync();
        }

        try
        {
            await using var connection = await connections.OpenAsync(CancellationToken.None);
            await using var transaction = await connection.BeginTransactionAsync();
            await using var session = new Session(connection, transaction, connections.IsSqlite);
            if (!connections.IsSqlite)
            {
                await session.ExecuteAsync(AuditTrail.ChainLockSql);
            }

            var (sequence, hash) = await session.AuditHeadAsync(batch[0].AuditHead);
            var failed = new Exception?[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                var save = batch[i];
                var isolated = batch.Count > 1;
                if (isolated)
                {
                    await session.ExecuteAsync("SAVEPOINT group_commit");
                }

                try
                {
                    foreach (var row in save.Rows)
                    {
                        row.GeneratedKey = await session.InsertAsync(row.Table, row.Values);
                    }

                    var audit = AuditTrail.Chain(save.Audit, save.UserId, save.UserName, save.At, sequence, hash);
                    foreach (var entry in audit)
                    {
                        await session.InsertAsync(save.AuditTable, save.AuditTable.Values(entry));
                    }

                    if (audit.Count > 0)
                    {
                        (sequence, hash) = (audit[^1].Sequence, audit[^1].Hash);
                    }

                    if (isolated)
                    {
                        await session.ExecuteAsync("RELEASE SAVEPOINT group_commit");
                    }
                }
                catch (DbException e) when (isolated)
                {
                    await session.ExecuteAsync("ROLLBACK TO SAVEPOINT group_commit");
                    await session.ExecuteAsync("RELEASE SAVEPOINT group_commit");
                    failed[i] = new DbUpdateException(e.Message, e);
                }
            }

            await transaction.CommitAsync();
            for (var i = 0; i < batch.Count; i++)
            {
                if (failed[i] is { } error)
                {
                    batch[i].Done.TrySetException(error);
                }
                else
                {
                    batch[i].Done.TrySetResult();
                }
            }
        }
        catch (DbException e)
        {
            throw new DbUpdateException(e.Message, e);
        }
        finally
        {
            gate?.Release();
        }
    }

    /// <summary>Principal tables before their dependents: an order before its offers, events and timers.</summary>
    private int Depth(IEntityType type, int level) =>
        level > 16 ? 0 : _depths.TryGetValue(type, out var known) ? known : _depths[type] = type.GetForeignKeys()
            .Where(f => f.PrincipalEntityType != type).Select(f => Depth(f.PrincipalEntityType, level + 1) + 1).DefaultIfEmpty(0).Max();

    private static string AuditHeadSql(DbContext db)
    {
        var type = db.Model.FindEntityType(typeof(AuditEntry))!;
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var sequence = sql.DelimitIdentifier(type.FindProperty(nameof(AuditEntry.Sequence))!.GetColumnName(table)!);
        var hash = sql.DelimitIdentifier(type.FindProperty(nameof(AuditEntry.Hash))!.GetColumnName(table)!);
        return $"SELECT {sequence}, {hash} FROM {sql.DelimitIdentifier(table.Name, table.Schema)} ORDER BY {sequence} DESC LIMIT 1";
    }

    internal sealed class PendingSave(List<Row> rows, List<(AuditTrail.Change Change, string Json)> audit, Guid? userId, string userName,
        DateTime at, TableInsert auditTable, string auditHead)
    {
        public string AuditHead { get; } = auditHead;
        public List<Row> Rows { get; } = rows;
        public List<(AuditTrail.Change Change, string Json)> Audit { get; } = audit;
        public Guid? UserId { get; } = userId;
        public string UserName { get; } = userName;
        public DateTime At { get; } = at;
        public TableInsert AuditTable { get; } = auditTable;
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    internal sealed class Row(TableInsert table, object?[] values, EntityEntry entry)
    {
        public TableInsert Table { get; } = table;
        public object?[] Values { get; } = values;
        public EntityEntry Entry { get; } = entry;

        /// <summary>Set by the writer, read by the caller after the commit.</summary>
        public object? GeneratedKey { get; set; }
    }

    /// <summary>One table's INSERT, from the model: its columns, their type mappings, and the key the database generates, if any.</summary>
    internal sealed class TableInsert
    {
        private TableInsert(string sql, IProperty[] properties, RelationalTypeMapping[] mappings, IProperty? generatedKey)
        {
            Sql = sql;
            Properties = properties;
            Mappings = mappings;
            GeneratedKey = generatedKey;
        }

        public string Sql { get; }
        public IProperty[] Properties { get; }
        public RelationalTypeMapping[] Mappings { get; }
        public IProperty? GeneratedKey { get; }

        public static TableInsert For(DbContext db, IEntityType type)
        {
            var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
            var sql = db.GetService<ISqlGenerationHelper>();
            var generated = type.FindPrimaryKey()!.Properties is [{ ValueGenerated: ValueGenerated.OnAdd } key] && key.ClrType == typeof(int) ? key : null;
            var properties = type.GetProperties().Where(p => p != generated).ToArray();
            foreach (var property in properties)
            {
                if (property.GetDefaultValueSql() is not null || property.GetComputedColumnSql() is not null || property.TryGetDefaultValue(out _))
                {
                    throw new NotSupportedException($"Group commit cannot write {type.DisplayName()}.{property.Name}: it has a database default.");
                }
            }

            var text = new StringBuilder("INSERT INTO ").Append(sql.DelimitIdentifier(table.Name, table.Schema)).Append(" (")
                .AppendJoin(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!))).Append(") VALUES (")
                .AppendJoin(", ", properties.Select((_, i) => "@p" + i)).Append(')');
            if (generated is not null)
            {
                text.Append(" RETURNING ").Append(sql.DelimitIdentifier(generated.GetColumnName(table)!));
            }

            return new TableInsert(text.ToString(), properties, [.. properties.Select(p => (RelationalTypeMapping)p.GetRelationalTypeMapping())],
                generated);
        }

        /// <summary>The row's values as the database stores them, read from the tracked entity.</summary>
        public object?[] Values(EntityEntry entry)
        {
            var values = new object?[Properties.Length];
            var current = entry.CurrentValues;
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = ToProvider(i, current[Properties[i]]);
            }

            return values;
        }

        /// <summary>The row's values for an entity that is not tracked (an audit row).</summary>
        public object?[] Values(object entity)
        {
            var values = new object?[Properties.Length];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = ToProvider(i, Properties[i].GetGetter().GetClrValueUsingContainingEntity(entity));
            }

            return values;
        }

        private object? ToProvider(int i, object? value) =>
            value is null ? null : Mappings[i].Converter is { } converter ? converter.ConvertToProvider(value) : value;
    }

    /// <summary>One transaction's commands, each built once and executed again for every row of its table.</summary>
    private sealed class Session(DbConnection connection, DbTransaction transaction, bool sqlite) : IAsyncDisposable
    {
        private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

        public async Task<object?> InsertAsync(TableInsert table, object?[] values)
        {
            if (!_commands.TryGetValue(table.Sql, out var command))
            {
                command = Create(table.Sql);
                for (var i = 0; i < values.Length; i++)
                {
                    command.Parameters.Add(table.Mappings[i].CreateParameter(command, "@p" + i, null, table.Properties[i].IsNullable));
                }
            }

            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i] ?? DBNull.Value;
            }

            if (table.GeneratedKey is null)
            {
                _ = sqlite ? command.ExecuteNonQuery() : await command.ExecuteNonQueryAsync();
                return null;
            }

            return sqlite ? command.ExecuteScalar() : await command.ExecuteScalarAsync();
        }

        public async Task ExecuteAsync(string sql)
        {
            var command = _commands.TryGetValue(sql, out var found) ? found : Create(sql);
            _ = sqlite ? command.ExecuteNonQuery() : await command.ExecuteNonQueryAsync();
        }

        /// <summary>The last audit row's sequence and hash, read inside the transaction that appends after it.</summary>
        public async Task<(long Sequence, string Hash)> AuditHeadAsync(string sql)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync();
            return await reader.ReadAsync() ? (reader.GetInt64(0), reader.GetString(1)) : (0, AuditTrail.GenesisHash);
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var command in _commands.Values)
            {
                await command.DisposeAsync();
            }
        }

        private DbCommand Create(string sql)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            _commands[sql] = command;
            return command;
        }
    }
}
