using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Snake.Chat;

namespace Snake.Wire;

/// <summary>
/// Chat and scoreboard messages as their readers see them: a bot, a test, or another server's relay.
/// A relay checks them as strictly as a player's own input: whatever arrives from elsewhere is passed on
/// to every player here, so a malformed one must stop at the door.
/// </summary>
public static class ChatView
{
    private const int MaxNameLength = 24;

    public static bool TryParseChat(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out ChatLine? line)
    {
        line = null;
        if (Parse(utf8, "chat") is not { } root) return false;
        string? from = Text(root, "from"), server = Text(root, "server"), text = Text(root, "text");
        if (!IsName(from) || !IsName(server) || text is null || ChatLine.Problem(text) is not null) return false;
        line = new ChatLine(from!, server!, text);
        return true;
    }

    public static bool TryParseScoreboard(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out Scoreboard? board)
    {
        board = null;
        if (Parse(utf8, "scoreboard") is not { } root) return false;
        string? server = Text(root, "server");
        if (!IsName(server) || !root.TryGetProperty("players", out JsonElement players) || players.ValueKind != JsonValueKind.Array
            || players.GetArrayLength() > Scoreboard.MaxPlayers)
            return false;
        var scores = new List<Score>();
        foreach (JsonElement player in players.EnumerateArray())
        {
            if (player.ValueKind != JsonValueKind.Object) return false;
            string? name = Text(player, "name");
            if (!IsName(name) || !player.TryGetProperty("score", out JsonElement score)
                || score.ValueKind != JsonValueKind.Number || !score.TryGetInt32(out int points)) return false;
            scores.Add(new Score(name!, points));
        }
        board = new Scoreboard(server!, scores);
        return true;
    }

    /// <summary>The message as JSON if it is an object of the given type; the clone outlives the document.</summary>
    private static JsonElement? Parse(ReadOnlySpan<byte> utf8, string type)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 4 });
            using JsonDocument document = JsonDocument.ParseValue(ref reader);
            JsonElement root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object && Text(root, "type") == type ? root.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool IsName(string? name) => name is { Length: > 0 and <= MaxNameLength } && !name.Any(char.IsControl);
}
