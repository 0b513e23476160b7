using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Persistence;

namespace SyncDashboard.Core.Users;

/// <summary>
/// One-time account links (set-up, invitation, password reset): a 256-bit random token, base64url,
/// shown once in the link; only its SHA-256 is stored. A link works once, for <see cref="Lifetime"/>.
/// </summary>
public sealed class AccountLinks(IDbContextFactory<SyncDbContext> dbFactory, TimeProvider time)
{
    /// <summary>How long a link works after it was made.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    /// <summary>The dashboard's path that takes a link's token (<c>?token=</c>).</summary>
    public const string Path = "account/link";

    /// <summary>
    /// Makes a link and returns its token (43 characters, URL-safe). A new set-up link ends the unused ones
    /// of earlier starts: only the link printed last creates the Owner.
    /// </summary>
    public async Task<string> CreateAsync(AccountLinkPurpose purpose, string? role, string? userId, string createdBy, CancellationToken cancellationToken = default)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (purpose == AccountLinkPurpose.Setup)
        {
            await db.AccountLinks.Where(l => l.Purpose == AccountLinkPurpose.Setup && l.UsedAt == null && l.ExpiresAt > now)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, now), cancellationToken);
        }
        db.AccountLinks.Add(new AccountLink
        {
            TokenHash = Hash(token),
            Purpose = purpose,
            Role = role,
            UserId = userId,
            CreatedBy = createdBy,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    /// <summary>The link of <paramref name="token"/> while it is unused and unexpired; null otherwise (unknown, used or expired alike).</summary>
    public async Task<AccountLink?> FindUsableAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }
        var hash = Hash(token);
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var link = await db.AccountLinks.AsNoTracking().FirstOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
        return link is { UsedAt: null } && link.ExpiresAt > now ? link : null;
    }

    /// <summary>Marks the link used; false when it was used meanwhile (two tabs racing: only one wins).</summary>
    public async Task<bool> TryUseAsync(int linkId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AccountLinks.Where(l => l.Id == linkId && l.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.UsedAt, now), cancellationToken) == 1;
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
