namespace SyncDashboard.Core.Connections;

/// <summary>Why one field of what a merchant entered cannot be used, in words for the merchant.</summary>
/// <param name="Field">The property it is about (for example <c>nameof(NewStoreConnection.ClientId)</c>), so a form can show it under that field.</param>
/// <param name="Message">The reason, as a full sentence.</param>
public sealed record InputProblem(string Field, string Message);
