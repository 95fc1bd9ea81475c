using System.Net.WebSockets;
using System.Text;
using Course.Cli;
using Course.Testing;
using Microsoft.Extensions.Time.Testing;
using Snake.Rooms;
using Snake.Web;
using Snake.Wire;

namespace GameLoop.Tests;

/// <summary>
/// Text that is not JSON we can read: one error message, the close code 1007 ("invalid payload data"),
/// one log line, and nobody else notices. Also a fuzz of the reader: whatever bytes come in, the only
/// thing that may come out is its own refusal.
/// </summary>
public sealed class BadJsonTests
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);

    // "\ud800" is a lone UTF-16 surrogate: valid JSON syntax, but no string can hold it.
    public static TheoryData<string> BadJson => new() { "{\"type\":\"\\ud800\"}", "{\"type\":\"key\",\"key\":\"\\udfff\"}",
        "{\"type\":\"chat\",\"text\":\"hi \\ud83d\"}", "{not json", "{\"type\":\"key\"" };

    [Theory]
    [MemberData(nameof(BadJson))]
    public async Task Bad_json_gets_an_error_and_close_code_1007_and_hurts_nobody(string text)
    {
        var log = new Transcript();
        var time = new FakeTimeProvider();
        await using SnakeServer server = await Servers.StartAsync(new Log(log, "server"), new RoomOptions { Time = time });
        await using TestClient bob = await TestClient.ConnectAsync(server.EndPoint, name: "bob");
        // Mallory alone in her room: the last player of a room leaving must close the room normally.
        await using TestClient mallory = await TestClient.ConnectAsync(server.EndPoint, room: "dark", name: "mallory");

        await mallory.SendAsync(text);

        var (type, reply) = await mallory.ReceiveRawAsync();
        Assert.Equal(WebSocketMessageType.Text, type);
        Assert.Contains("\"type\":\"error\"", reply);
        Assert.Equal(WebSocketCloseStatus.InvalidPayloadData, await mallory.ReceiveCloseAsync());
        await Servers.EventuallyAsync(() => log.Raw.Contains("room dark: loop stopped, room closed"), "mallory's room closed");

        string[] aboutMallory = [.. log.Raw.Split('\n').Where(l => l.Contains("mallory") && !l.Contains(" joins ") && !l.Contains(" leaves "))];
        Assert.True(aboutMallory.Length == 1, "one line about mallory's message expected:\n" + log.Raw);
        Assert.DoesNotContain("   at ", log.Raw); // no stack trace for something a client can do

        time.Advance(Period);
        Assert.Equal("state", (await bob.ReceiveUntilAsync(m => m.GetProperty("type").GetString() == "state")).GetProperty("type").GetString());
        await using TestClient again = await TestClient.ConnectAsync(server.EndPoint, room: "dark", name: "again");
    }

    /// <summary>Valid messages, spoiled the ways a network or an attacker spoils them: the reader refuses, never throws.</summary>
    [Fact]
    public void Mutated_messages_are_refused_and_never_throw()
    {
        string[] valid = ["{\"type\":\"key\",\"key\":\"ArrowUp\"}", "{\"type\":\"chat\",\"text\":\"hello there\"}",
            "{\"type\":\"chat\",\"text\":\"caf\\u00e9 \\ud83d\\ude00\"}", "{\"type\":\"key\",\"key\":\"w\",\"extra\":[1,{\"a\":null}]}"];
        byte[][] pieces = [.. new[] { "\\ud800", "\\udc00", "\\u", "\\", "\"", "{", "}", "[", "]", ":", ",", "null", "1e999", "\u00e9" }
            .Select(Encoding.UTF8.GetBytes), [0xff], [0xc3], [0xed, 0xa0, 0x80], [0x00]];
        var random = new Random(5);
        for (int i = 0; i < 50_000; i++)
        {
            var bytes = new List<byte>(Encoding.UTF8.GetBytes(valid[random.Next(valid.Length)]));
            for (int n = random.Next(1, 4); n > 0; n--)
            {
                int at = random.Next(bytes.Count + 1);
                switch (random.Next(4))
                {
                    case 0: bytes.InsertRange(at, pieces[random.Next(pieces.Length)]); break;
                    case 1: if (at < bytes.Count) bytes[at] = (byte)random.Next(256); break;
                    case 2: if (at < bytes.Count) bytes.RemoveAt(at); break;
                    default: bytes.RemoveRange(at, bytes.Count - at); break;
                }
            }
            byte[] message = [.. bytes];
            try
            {
                Verdict verdict = ClientMessage.Read(message, out PlayerInput? input, out string error);
                Assert.True(verdict == Verdict.Accepted ? input is not null : error.Length > 0, $"case {i}: {verdict} without a reason");
            }
            catch (Exception e)
            {
                Assert.Fail($"case {i}: {Encoding.UTF8.GetString(message)} threw {e.GetType().Name}: {e.Message}");
            }
        }
    }
}
