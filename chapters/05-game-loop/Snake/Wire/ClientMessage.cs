using System.Text.Json;
using Snake.Game;

namespace Snake.Wire;

/// <summary>
/// Reads what a player sends. There is one message, <c>{"type":"key","key":"ArrowUp"}</c>. Anything else
/// is refused with a reason the server sends back in an error message; nothing a client sends can throw
/// past this method.
/// </summary>
public static class ClientMessage
{
    public static bool TryReadTurn(ReadOnlySpan<byte> utf8, out Direction direction, out string error)
    {
        direction = default;
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
            if (type.GetString() != "key")
            {
                error = $"unknown message type \"{Shorten(type.GetString())}\"";
                return false;
            }
            if (!root.TryGetProperty("key", out JsonElement key) || key.ValueKind != JsonValueKind.String)
            {
                error = "a key message needs a \"key\" string";
                return false;
            }
            if (!Directions.TryFromKey(key.GetString()!, out direction))
            {
                error = $"key \"{Shorten(key.GetString())}\" does nothing";
                return false;
            }
            error = "";
            return true;
        }
        catch (JsonException)
        {
            error = "malformed JSON";
            return false;
        }
    }

    // Never echo a long string back: that would hand a client an amplifier.
    private static string Shorten(string? text) => text is null ? "" : text.Length <= 20 ? text : text[..20] + "...";
}
