using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Persistence;

namespace SyncDashboard.Tests.Rules;

/// <summary>The migrations the app applies at start make the schema the model describes: a model change without its migration fails here, not on a merchant's machine.</summary>
public sealed class MigrationsTests
{
    [Fact]
    public void EveryModelChangeHasItsMigration()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        using var db = new SyncDbContext(new DbContextOptionsBuilder<SyncDbContext>().UseSqlite(connection).Options);

        Assert.False(db.Database.HasPendingModelChanges(), "the model has changes no migration makes: add one with dotnet ef migrations add");
    }

    [Fact]
    public async Task TheMigrationsApplyToAnEmptyDatabase()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using var db = new SyncDbContext(new DbContextOptionsBuilder<SyncDbContext>().UseSqlite(connection).Options);

        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await db.JobMappingReports.CountAsync()); // the newest table is there
    }
}
