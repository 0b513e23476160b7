using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Connections;

/// <summary>
/// What a merchant enters to make an install link for a store of another merchant (authorization code
/// grant): the store's address, the name its connection will have, and the app's client id and secret
/// (the secret is never in <see cref="ToString"/>).
/// </summary>
public sealed record NewStoreInstall(string Name, StoreRole Role, string BaseUrl, string ClientId, string ClientSecret, StoreApi Api = StoreApi.GraphQL)
{
    /// <summary>What is missing or malformed, field by field (field names as in <see cref="NewStoreConnection"/>); empty when a link can be made.</summary>
    public IReadOnlyList<InputProblem> Validate()
    {
        var problems = new List<InputProblem>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            problems.Add(new(nameof(Name), "Give the store a name."));
        }
        if (StoreAddress.Problem(BaseUrl) is { } address)
        {
            problems.Add(new(nameof(BaseUrl), address));
        }
        problems.AddRange(StoreAddress.AppProblems(ClientId, ClientSecret));
        return problems;
    }

    /// <summary>The name, role and address only: the secret stays out of logs.</summary>
    public override string ToString() => $"{Name} ({Role}, {BaseUrl}, {Api})";
}
