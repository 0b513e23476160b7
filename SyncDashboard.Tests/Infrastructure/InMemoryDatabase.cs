using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using SyncDashboard.Core.Persistence;

namespace SyncDashboard.Tests.Infrastructure;

/// <summary>The dashboard's schema in an in-memory SQLite database, for tests of one component without the app.</summary>
internal sealed class InMemoryDatabase : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public InMemoryDatabase()
    {
        _connection.Open();
        var options = new DbContextOptionsBuilder<SyncDbContext>().UseSqlite(_connection).Options;
        Factory = new PooledDbContextFactory<SyncDbContext>(options);
        using var db = Factory.CreateDbContext();
        db.Database.EnsureCreated();
    }

    public IDbContextFactory<SyncDbContext> Factory { get; }

    public void Dispose() => _connection.Dispose();
}
