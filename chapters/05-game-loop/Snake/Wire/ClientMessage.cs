using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Snake.Chat;
using Snake.Game;

namespace Snake.Wire;

/// <summary>
/// Reads what a player sends: <c>{"type":"key","key":"ArrowUp"}</c> to steer and
/// <c>{"type":"chat","text":"hi"}</c> to talk. Anything else is refused with a reason the server sends back
/// in an error message; nothing a client sends can throw past this method.
/// </summary>
public static class ClientMessage
{
    public static bool TryRead(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out PlayerInput? input, out string error)
    {
        input = null;
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 4 });
            using JsonDocument document = JsonDocument.ParseValue(ref reader);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("type", out JsonElement type) || type.ValueKind != JsonValueKind.String)
            {
                error = "expected a JSON object with a \"type\"";
                return false;
            }
            switch (type.GetString())
            {
                case "key": return TryReadKey(root, out input, out error);
                case "chat": return TryReadChat(root, out input, out error);
                default:
                    error = $"unknown message type \"{Shorten(type.GetString())}\"";
                    return false;
            }
        }
        catch (JsonException)
        {
            error = "malformed JSON";
            return false;
        }
    }

    private static bool TryReadKey(JsonElement root, out PlayerInput? input, out string error)
    {
        input = null;
        if (!root.TryGetProperty("key", out JsonElement key) || key.ValueKind != JsonValueKind.String)
        {
            error = "a key message needs a \"key\" string";
            return false;
        }
        if (!Directions.TryFromKey(key.GetString()!, out Direction direction))
        {
            error = $"key \"{Shorten(key.GetString())}\" does nothing";
            return false;
        }
        input = new Turn(direction);
        error = "";
        return true;
    }

    private static bool TryReadChat(JsonElement root, out PlayerInput? input, out string error)
    {
        input = null;
        if (!root.TryGetProperty("text", out JsonElement text) || text.ValueKind != JsonValueKind.String)
        {
            error = "a chat message needs a \"text\" string";
            return false;
        }
        string line = text.GetString()!.Trim();
        if (ChatLine.Problem(line) is { } problem)
        {
            error = problem;
            return false;
        }
        input = new Say(line);
        error = "";
        return true;
    }

    // Never echo a long string back: that would hand a client an amplifier.
    private static string Shorten(string? text) => text is null ? "" : text.Length <= 20 ? text : text[..20] + "...";
}
