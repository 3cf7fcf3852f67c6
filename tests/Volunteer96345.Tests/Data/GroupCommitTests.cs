using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Volunteer96345.Common.Audit;
using Volunteer96345.Common.Auth;
using Volunteer96345.Data;
using Volunteer96345.Tests.WorkOrders;
using Volunteer96345.WorkOrders;
using Volunteer96345.WorkOrders.Intake;

namespace Volunteer96345.Tests.Data;

/// <summary>Concurrent intakes commit together (ADR 0019): each with all its rows, the audit chain unbroken, a failing one alone rolled back.</summary>
[Trait("Category", "Integration")]
public sealed class GroupCommitTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Concurrent_intakes_each_commit_with_their_rows_and_one_audit_row_and_the_chain_verifies()
    {
        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher);
        var before = await app.Db(db => db.AuditEntries.IgnoreQueryFilters().MaxAsync(a => a.Sequence));

        var receipts = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => dispatcher.Receive(WorkOrderSteps.Call($"1390574{i:D4}"))));

        var ids = receipts.Select(r => r.GetProperty("id").GetGuid()).ToHashSet();
        Assert.Equal(24, ids.Count);
        var audited = await app.Db(db => db.AuditEntries.IgnoreQueryFilters().Where(a => a.Sequence > before && a.EntityType == nameof(WorkOrder))
            .Select(a => new { a.EntityId, a.Action, a.UserName }).ToListAsync());
        Assert.Equal(ids.Order(), audited.Where(a => a.Action == "Added").Select(a => Guid.Parse(a.EntityId)).Order());
        Assert.All(audited, a => Assert.Equal(TestData.NameOf(WorkOrderSteps.Dispatcher), a.UserName));
        var stored = await app.Db(db => db.WorkOrders.IgnoreQueryFilters().Where(o => ids.Contains(o.Id))
            .Select(o => new { o.Id, Events = o.Events.Count, Timers = db.Set<SlaTimer>().Count(t => t.WorkOrderId == o.Id) }).ToListAsync());
        Assert.Equal(24, stored.Count);
        Assert.All(stored, o => Assert.True(o.Events > 0 && o.Timers >= 3, $"{o.Id}: {o.Events} events, {o.Timers} timers"));
        var verdict = await app.As<AuditLogHandler, AuditVerification>(TestData.Admin, h => h.Verify(CancellationToken.None));
        Assert.Null(verdict.FirstBrokenSequence);
    }

    [Fact]
    public async Task A_city_order_sent_twice_at_once_rolls_back_alone_and_the_orders_queued_with_it_commit()
    {
        var external = "GC-" + Guid.NewGuid().ToString("N")[..8];
        // A warm intake first (the dispatch registry loaded, the queries compiled): a cold first request can take longer than
        // the 300 ms below, and the second copy would then reach the writer first and be the one that commits.
        Assert.True((await CityOrder(external + "-warm", "13905741003")).IsOk);
        Task<Volunteer96345.Common.Errors.Result<IntakeReceipt>> first, again, other;
        // Holding the writer's lock queues the three: the first is taken alone and waits; the other two wait together behind it.
        await using (await HoldWriterAsync())
        {
            first = CityOrder(external, "13905741001");
            await Task.Delay(300);
            again = CityOrder(external, "13905741001");
            other = CityOrder(external + "-other", "13905741002");
            await Task.Delay(300);
            Assert.False(first.IsCompleted || again.IsCompleted || other.IsCompleted, "nothing commits while the writer waits for the lock");
        }

        var (a, b, c) = (await first, await again, await other);
        Assert.True(a.IsOk && b.IsOk && c.IsOk);
        Assert.False(a.Value.Existing);
        Assert.True(b.Value.Existing, "the second copy answers with the first one's order");
        Assert.Equal(a.Value.Id, b.Value.Id);
        Assert.False(c.Value.Existing);
        var stored = await app.Db(db => db.WorkOrders.IgnoreQueryFilters().Where(o => o.ExternalId == external || o.ExternalId == external + "-other")
            .Select(o => o.Id).ToListAsync());
        Assert.Equal(new[] { a.Value.Id, c.Value.Id }.Order(), stored.Order());
        var verdict = await app.As<AuditLogHandler, AuditVerification>(TestData.Admin, h => h.Verify(CancellationToken.None));
        Assert.Null(verdict.FirstBrokenSequence);
    }

    [Fact]
    public async Task The_context_is_left_as_after_an_ordinary_save_with_the_database_keys_of_the_orders_events()
    {
        await using var scope = await app.ScopeFor(WorkOrderSteps.Dispatcher);
        var intake = scope.ServiceProvider.GetRequiredService<IntakeHandler>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        var receipt = await intake.Submit(Input("13905742001"), IntakeChannel.Hotline, CancellationToken.None);

        Assert.True(receipt.IsOk);
        var tracked = db.ChangeTracker.Entries().ToList();
        Assert.NotEmpty(tracked);
        Assert.All(tracked, e => Assert.Equal(EntityState.Unchanged, e.State));
        var order = db.ChangeTracker.Entries<WorkOrder>().Single().Entity;
        var eventIds = order.Events.Select(e => db.Entry(e).Property<int>("Id").CurrentValue).Order().ToList();
        var stored = await app.Db(d => d.WorkOrders.IgnoreQueryFilters().Where(o => o.Id == order.Id)
            .SelectMany(o => o.Events).Select(e => EF.Property<int>(e, "Id")).ToListAsync());
        Assert.Equal(stored.Order(), eventIds);
        Assert.Equal(0, await db.SaveChangesAsync());
    }

    private async Task<Volunteer96345.Common.Errors.Result<IntakeReceipt>> CityOrder(string externalId, string phone)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        return await scope.ServiceProvider.GetRequiredService<IntakeHandler>().Submit(Input(phone), IntakeChannel.CityPlatform, CancellationToken.None,
            externalId: externalId);
    }

    private static IntakeInput Input(string phone) => new()
    {
        ServiceCode = "LA-001",
        Description = "厨房水管爆裂，水漫到客厅",
        Address = "城郊村5组17号",
        Village = "城郊村",
        CallerName = "王阿姨",
        CallerPhone = phone,
        Answers = new Dictionary<string, string> { ["fault"] = "water" },
    };

    /// <summary>Takes the lock the group commit's writer needs: the process's SQLite write gate, or the audit chain's advisory lock on PostgreSQL.</summary>
    private async Task<IAsyncDisposable> HoldWriterAsync()
    {
        if (app.ConnectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase))
        {
            var connection = new NpgsqlConnection(app.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(96345)", connection);
            await command.ExecuteNonQueryAsync();
            return new Release(async () =>
            {
                await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(96345)", connection);
                await unlock.ExecuteNonQueryAsync();
                await connection.DisposeAsync();
            });
        }

        var gate = SqliteWriteGate.For(app.ConnectionString);
        await gate.WaitAsync();
        return new Release(() =>
        {
            gate.Release();
            return ValueTask.CompletedTask;
        });
    }

    private sealed class Release(Func<ValueTask> release) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => release();
    }
}
