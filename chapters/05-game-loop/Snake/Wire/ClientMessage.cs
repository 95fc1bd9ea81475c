using System.Text.Json;
using Snake.Chat;
using Snake.Game;

namespace Snake.Wire;

/// <summary>What <see cref="ClientMessage.Read"/> made of a message.</summary>
public enum Verdict
{
    /// <summary>A message we act on: the input is set.</summary>
    Accepted,
    /// <summary>JSON we can read but will not act on (an unknown type, a key that does nothing): an error
    /// reply, and the connection stays, since a newer page may send what this server does not know yet.</summary>
    Refused,
    /// <summary>Not JSON we can read at all (broken syntax, invalid UTF-8, a lone surrogate): the client is
    /// broken or hostile, so it gets an error reply and the close code 1007, "invalid payload data".</summary>
    Malformed,
}

/// <summary>
/// Reads what a player sends: <c>{"type":"key","key":"ArrowUp"}</c> to steer and
/// <c>{"type":"chat","text":"hi"}</c> to talk. Anything else is refused with a reason the server sends back
/// in an error message; nothing a client sends can throw past this method.
/// </summary>
public static class ClientMessage
{
    public static Verdict Read(ReadOnlySpan<byte> utf8, out PlayerInput? input, out string error)
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
                return Verdict.Refused;
            }
            return type.GetString() switch
            {
                "key" => ReadKey(root, out input, out error),
                "chat" => ReadChat(root, out input, out error),
                var other => Refuse($"unknown message type \"{Shorten(other!)}\"", out error),
            };
        }
        catch (JsonException)
        {
            error = "malformed JSON";
            return Verdict.Malformed;
        }
        catch (InvalidOperationException)
        {
            // The parser checks the syntax, not the characters: "\ud800" (half of a UTF-16 pair) or invalid
            // UTF-8 bytes pass it, and only reading the string (or comparing a property name with it) finds
            // that no .NET string can hold them. Every kind is checked before it is read, so here this
            // exception can only mean that.
            error = "malformed JSON: text that is not valid Unicode";
            return Verdict.Malformed;
        }
    }

    private static Verdict ReadKey(JsonElement root, out PlayerInput? input, out string error)
    {
        input = null;
        if (!root.TryGetProperty("key", out JsonElement key) || key.ValueKind != JsonValueKind.String)
            return Refuse("a key message needs a \"key\" string", out error);
        string name = key.GetString()!;
        if (!Directions.TryFromKey(name, out Direction direction)) return Refuse($"key \"{Shorten(name)}\" does nothing", out error);
        input = new Turn(direction);
        error = "";
        return Verdict.Accepted;
    }

    private static Verdict ReadChat(JsonElement root, out PlayerInput? input, out string error)
    {
        input = null;
        if (!root.TryGetProperty("text", out JsonElement text) || text.ValueKind != JsonValueKind.String)
            return Refuse("a chat message needs a \"text\" string", out error);
        string line = text.GetString()!.Trim();
        if (ChatLine.Problem(line) is { } problem) return Refuse(problem, out error);
        input = new Say(line);
        error = "";
        return Verdict.Accepted;
    }

    private static Verdict Refuse(string reason, out string error)
    {
        error = reason;
        return Verdict.Refused;
    }

    // Never echo a long string back: that would hand a client an amplifier.
    private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "...";

}
