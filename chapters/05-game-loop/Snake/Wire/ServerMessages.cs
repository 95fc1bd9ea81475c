using System.Buffers;
using System.Text.Json;
using Snake.Chat;
using Snake.Game;

namespace Snake.Wire;

/// <summary>
/// Writes the server's JSON messages (see docs/protocol/snake.md). A state message is written ONCE per
/// tick and the same bytes go to every player of the room: serialising per player would cost the tick
/// N times as much for the same text.
/// </summary>
public static class ServerMessages
{
    public static byte[] Welcome(int playerId, string room, string server, GameRules rules, double tickRate) => Write(json =>
    {
        json.WriteString("type", "welcome");
        json.WriteNumber("id", playerId);
        json.WriteString("room", room);
        json.WriteString("server", server);
        json.WriteNumber("width", rules.Width);
        json.WriteNumber("height", rules.Height);
        json.WriteNumber("tickRate", tickRate);
    });

    public static byte[] State(SnakeGame game, IReadOnlyList<string> events) => Write(json =>
    {
        json.WriteString("type", "state");
        json.WriteNumber("tick", game.Tick);
        json.WriteStartArray("snakes");
        foreach (SnakeBody snake in game.Snakes)
        {
            json.WriteStartObject();
            json.WriteNumber("id", snake.Id);
            json.WriteString("name", snake.Name);
            json.WriteNumber("score", snake.Score);
            json.WriteNumber("deaths", snake.Deaths);
            json.WriteString("heading", snake.Heading.ToString().ToLowerInvariant());
            json.WriteStartArray("body");
            foreach (Cell cell in snake.Cells) WriteCell(json, cell);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("food");
        foreach (Cell cell in game.Food) WriteCell(json, cell);
        json.WriteEndArray();
        json.WriteStartArray("events");
        foreach (string text in events) json.WriteStringValue(text);
        json.WriteEndArray();
    });

    public static byte[] Chat(ChatLine line) => Write(json =>
    {
        json.WriteString("type", "chat");
        json.WriteString("from", line.From);
        json.WriteString("server", line.Server);
        json.WriteString("text", line.Text);
    });

    public static byte[] Scoreboard(Scoreboard board) => Write(json =>
    {
        json.WriteString("type", "scoreboard");
        json.WriteString("server", board.Server);
        json.WriteStartArray("players");
        foreach (Score score in board.Players)
        {
            json.WriteStartObject();
            json.WriteString("name", score.Name);
            json.WriteNumber("score", score.Points);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    });

    public static byte[] Error(string message) => Write(json =>
    {
        json.WriteString("type", "error");
        json.WriteString("message", message);
    });

    private static void WriteCell(Utf8JsonWriter json, Cell cell)
    {
        // [x, y] pairs rather than {"x":..,"y":..}: half the bytes, and bodies are most of a message.
        json.WriteStartArray();
        json.WriteNumberValue(cell.X);
        json.WriteNumberValue(cell.Y);
        json.WriteEndArray();
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
