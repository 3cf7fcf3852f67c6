using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Volunteer96345.Data;

namespace Volunteer96345.Tests.Data;

/// <summary>The SQLite connection settings (ADR 0011, 0016): set on every physical connection, and checkpoints off the request path.</summary>
public sealed class SqliteTuningTests(SqliteTuningTests.ManualCheckpoints app) : IClassFixture<SqliteTuningTests.ManualCheckpoints>
{
    [Fact]
    public async Task Every_connection_the_app_opens_is_synchronous_normal_without_automatic_checkpoints()
    {
        // The fixture turns pooling off, so each open here is a new physical connection that must get the settings.
        for (var i = 0; i < 5; i++)
        {
            var (synchronous, autoCheckpoint) = await app.Db(async db =>
                (await Pragma(db, "synchronous"), await Pragma(db, "wal_autocheckpoint")));

            Assert.Equal(1, synchronous);
            Assert.Equal(0, autoCheckpoint);
        }
    }

    [Fact]
    public async Task The_background_checkpointer_copies_every_frame_of_the_wal_into_the_database_file()
    {
        // The last connection to close checkpoints and deletes the WAL itself; the app's pool keeps one open, and so does this.
        await using var held = new SqliteConnection(app.ConnectionString);
        await held.OpenAsync();
        await using (var read = held.CreateCommand())
        {
            read.CommandText = "SELECT count(*) FROM sqlite_master;"; // SQLite opens the file (and the WAL) at the first read
            await read.ExecuteScalarAsync();
        }

        await app.Db(db => db.Database.ExecuteSqlRawAsync("CREATE TABLE IF NOT EXISTS wal_probe (x INTEGER); INSERT INTO wal_probe VALUES (1);"));
        var (frames, copied) = WalIndex();
        Assert.True(frames > copied, $"the write's frames wait in the WAL ({frames} frames, {copied} copied)");

        await app.Services.GetServices<IHostedService>().OfType<SqliteCheckpointer>().Single().CheckpointAsync(CancellationToken.None);

        Assert.Equal((frames, frames), WalIndex());
    }

    // The WAL index (the -shm file) starts with mxFrame at byte 16, the last valid frame, and keeps nBackfill at byte 96,
    // how many frames are already copied into the database file (sqlite.org/walformat.html); both native-endian.
    private (uint Frames, uint Copied) WalIndex()
    {
        var file = new SqliteConnectionStringBuilder(app.ConnectionString).DataSource + "-shm";
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var header = new byte[100];
        stream.ReadExactly(header);
        return (BitConverter.ToUInt32(header, 16), BitConverter.ToUInt32(header, 96));
    }

    private static async Task<long> Pragma(AppDbContext db, string name)
    {
        await db.Database.OpenConnectionAsync();
        await using DbCommand command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The demo-less app whose background checkpointer does not tick during a test: the test checkpoints when it chooses.</summary>
    public sealed class ManualCheckpoints : AppFixture
    {
        public ManualCheckpoints()
        {
            SeedDemo = false;
            Settings["Database:SqliteCheckpointSeconds"] = "3600";
        }
    }
}
