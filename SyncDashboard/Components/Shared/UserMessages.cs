namespace SyncDashboard.Components.Shared;

/// <summary>Exceptions' messages as a merchant should read them.</summary>
public static class UserMessages
{
    /// <summary>The message of a refusal, without .NET's " (Parameter 'name')" suffix.</summary>
    public static string Of(ArgumentException exception) =>
        exception.ParamName is { } name ? exception.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : exception.Message;
}
