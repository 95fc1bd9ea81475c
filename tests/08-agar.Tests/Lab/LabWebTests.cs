using System.Net;
using System.Net.WebSockets;
using System.Text;
using Agar.Lab;

namespace Agar.Tests.Lab;

/// <summary>
/// The lab's web side attacked: a page of another site, a page that sends garbage or floods, pages that
/// vanish without a close. Each hurts only its own socket; the lab and the other pages go on.
/// </summary>
public sealed class LabWebTests
{
    [Fact]
    public async Task Only_the_lab_s_own_page_may_open_its_web_socket()
    {
        await using RunningLab running = await RunningLab.StartAsync(new LabOptions { Bots = 0 });
        int port = running.Web.EndPoint.Port;

        using ClientWebSocket evil = Socket($"http://evil.example:{port}");
        await Assert.ThrowsAsync<WebSocketException>(() => evil.ConnectAsync(Connect(running), CancellationToken.None));
        Assert.Equal(HttpStatusCode.Forbidden, evil.HttpStatusCode);
        Assert.Contains("refused a web socket from a page of http://evil.example", running.Log);

        using ClientWebSocket own = Socket($"http://127.0.0.1:{port}");
        await own.ConnectAsync(Connect(running), CancellationToken.None);
        Assert.Contains("\"type\":\"setup\"", await ReceiveTextAsync(own));
        Assert.Contains("\"type\":\"frame\"", await ReceiveTextAsync(own));

        // Not a web socket at all: one line that says where the page is.
        using var http = new HttpClient();
        HttpResponseMessage plain = await http.GetAsync($"{running.Web.Url}connect");
        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
        Assert.Equal("/connect is the lab page's web socket: open / in a browser instead.\n", await plain.Content.ReadAsStringAsync());
        Assert.Contains("<title>Netcode lab", await http.GetStringAsync(running.Web.Url));
        Assert.Contains("new WebSocket", await http.GetStringAsync($"{running.Web.Url}lab.js"));
    }

    [Fact]
    public async Task A_page_sending_garbage_or_flooding_hurts_only_its_own_socket()
    {
        await using RunningLab running = await RunningLab.StartAsync(new LabOptions { Bots = 0 });
        using ClientWebSocket honest = await OpenAsync(running);
        var frames = 0;
        using var stopCounting = new CancellationTokenSource();
        Task counting = Task.Run(async () =>
        {
            try { while (true) { await ReceiveTextAsync(honest, stopCounting.Token); Interlocked.Increment(ref frames); } }
            catch (OperationCanceledException) { }
        });

        // The honest page's rate before any attack, on this machine at this moment: the bar below is half of it.
        await Task.Delay(500);
        int start = Volatile.Read(ref frames);
        await Task.Delay(1000);
        int baseline = Volatile.Read(ref frames) - start;

        // Malformed controls of every kind, then a flood of valid ones: each refused or taken, the socket stays.
        using ClientWebSocket noisy = await OpenAsync(running);
        var random = new Random(8);
        string[] garbage = ["{", "null", "[]", "{\"type\":\"client\",\"client\":1,\"field\":\"lag\",\"value\":1e308}",
            "{\"type\":\"steer\",\"client\":99,\"x\":0,\"y\":0}", "{\"type\":\"preset\",\"name\":\"" + new string('x', 500) + "\"}"];
        for (int i = 0; i < 300; i++)
        {
            string text = i < garbage.Length ? garbage[i] : Encoding.Latin1.GetString([.. Enumerable.Range(0, random.Next(1, 200)).Select(_ => (byte)random.Next(32, 127))]);
            await noisy.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        byte[] steer = Encoding.UTF8.GetBytes("{\"type\":\"steer\",\"client\":1,\"x\":1,\"y\":0}");
        for (int i = 0; i < 5000; i++) await noisy.SendAsync(steer, WebSocketMessageType.Text, true, CancellationToken.None);
        Assert.Equal(WebSocketState.Open, noisy.State);

        // What no page sends closes that page's socket: too long, or binary.
        using ClientWebSocket oversize = await OpenAsync(running);
        await oversize.SendAsync(new byte[LabControl.MaxBytes + 1], WebSocketMessageType.Text, true, CancellationToken.None);
        await WaitClosedAsync(oversize);
        using ClientWebSocket binary = await OpenAsync(running);
        await binary.SendAsync(new byte[] { 1, 2, 3 }, WebSocketMessageType.Binary, true, CancellationToken.None);
        await WaitClosedAsync(binary);

        // The honest page kept getting frames all along, and the lab took the flood's steer.
        int before = Volatile.Read(ref frames);
        await Task.Delay(1000);
        int during = Volatile.Read(ref frames) - before;
        Assert.True(baseline > 0 && during * 2 >= baseline,
            $"the honest page got {during} frames in a second after the attack, against {baseline} in a second before it");
        Assert.False(running.Lab.Stopped.IsCompleted);
        // Read through the lab's frames (only the lab's loop touches a client's game): client 1, no bot, stood still
        // until the flood, and now its inputs steer somewhere.
        var (steered, _) = await running.Lab.NextFrameAsync();
        Assert.Contains(steered.Clients[0].Timeline, m => m.Kind == "input" && m.Moving);
        Assert.True(running.Lab.Rejected >= 300, $"{running.Lab.Rejected} controls refused");
        // Each kind of mistake is said once: a few dozen lines, not hundreds.
        int lines = running.Log.Split('\n').Count(l => l.StartsWith("ignored a control", StringComparison.Ordinal));
        Assert.InRange(lines, 3, 64);

        await stopCounting.CancelAsync();
        await counting;
    }

    [Fact]
    public async Task Pages_that_vanish_without_a_close_give_their_place_back()
    {
        await using RunningLab running = await RunningLab.StartAsync(new LabOptions { Bots = 0 });
        for (int round = 0; round < 2; round++)
        {
            var pages = new List<ClientWebSocket>();
            for (int i = 0; i < LabWeb.MaxPages; i++) pages.Add(await OpenAsync(running));
            using ClientWebSocket oneTooMany = Socket(null);
            await Assert.ThrowsAsync<WebSocketException>(() => oneTooMany.ConnectAsync(Connect(running), CancellationToken.None));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, oneTooMany.HttpStatusCode);
            foreach (ClientWebSocket page in pages) page.Abort(); // the tab is killed: no close frame
            foreach (ClientWebSocket page in pages) page.Dispose();
            // The lab notices each at its next send and gives the place back.
            await Task.Delay(500);
        }
        Assert.False(running.Lab.Stopped.IsCompleted);
    }

    [Fact]
    public void Random_bytes_never_make_the_control_reader_throw_anything_but_its_format_error()
    {
        var random = new Random(24);
        string[] pieces = ["{", "}", "[", "]", ",", ":", "\"type\"", "\"steer\"", "\"client\"", "\"preset\"", "\"field\"", "\"value\"", "1", "-1e400", "true", "null", "\"x\"", "\"", "\\u0000"];
        for (int i = 0; i < 20_000; i++)
        {
            byte[] input = i % 2 == 0
                ? [.. Enumerable.Range(0, random.Next(0, 64)).Select(_ => (byte)random.Next(256))]
                : Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, random.Next(1, 24)).Select(_ => pieces[random.Next(pieces.Length)])));
            try { LabControl.Parse(input, 3); }
            catch (FormatException) { }
        }
    }

    private static Uri Connect(RunningLab running) => new($"ws://127.0.0.1:{running.Web.EndPoint.Port}/connect");

    private static ClientWebSocket Socket(string? origin)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (origin is not null) socket.Options.SetRequestHeader("Origin", origin);
        return socket;
    }

    private static async Task<ClientWebSocket> OpenAsync(RunningLab running)
    {
        ClientWebSocket socket = Socket(null);
        await socket.ConnectAsync(Connect(running), CancellationToken.None);
        return socket;
    }

    private static async Task<string> ReceiveTextAsync(ClientWebSocket socket, CancellationToken cancel = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        limit.CancelAfter(TimeSpan.FromSeconds(10));
        var text = new MemoryStream();
        var buffer = new byte[16 * 1024];
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, limit.Token);
            text.Write(buffer, 0, result.Count);
        } while (!result.EndOfMessage);
        return Encoding.UTF8.GetString(text.ToArray());
    }

    /// <summary>Reads (and drops) frames until the lab closes the socket, for at most 10 s.</summary>
    private static async Task WaitClosedAsync(ClientWebSocket socket)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[64 * 1024];
        try
        {
            while ((await socket.ReceiveAsync(buffer, limit.Token)).MessageType != WebSocketMessageType.Close) { }
        }
        catch (WebSocketException) { } // closed without a close frame is closed too
        Assert.NotEqual(WebSocketState.Open, socket.State);
    }
}
