namespace SyncDashboard.Core.Stores;

/// <summary>What the store's install callback says, before it is trusted (see <see cref="IStoreAppInstalls.Verify"/>).</summary>
/// <param name="State">The value the install link carried, sent back unchanged (it names the pending install).</param>
/// <param name="Shop">The shop the owner approved the install on, as the store names itself (for example <c>my-shop.myshopify.com</c>).</param>
/// <param name="Code">The one-time code to exchange for the access token (never logged).</param>
public sealed record StoreInstallCallback(string State, string Shop, string Code)
{
    /// <summary>The shop only: the code stays out of logs.</summary>
    public override string ToString() => Shop;
}
