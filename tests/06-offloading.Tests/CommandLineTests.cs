using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Course.Testing;
using Xunit;

namespace Offloading.Tests;

/// <summary>The program as a user runs it: the server with a worker process, Ctrl+C, a bad option.</summary>
public sealed partial class CommandLineTests
{
    [Fact]
    public async Task The_server_shows_computer_snakes_and_ctrl_c_ends_its_worker_too()
    {
        await using RunningProcess server = RunningProcess.StartCourseProgram("offloading",
            "server", "--port", "0", "--offload", "process", "--ai", "5", "--width", "40", "--height", "30");
        string ready = await server.WaitForLineAsync(l => l.Contains("listening on"), TimeSpan.FromSeconds(30));
        string address = Address().Match(ready).Groups[1].Value;

        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{address}/connect?room=lobby&name=tester"), CancellationToken.None);
        string line = await server.WaitForLineAsync(l => l.Contains("worker") && l.Contains("started"), TimeSpan.FromSeconds(30));
        int worker = int.Parse(Worker().Match(line).Groups[1].Value);

        // Read states until one shows the five computer snakes, steered by plans from the worker.
        var buffer = new byte[1 << 20];
        int computerSnakes = 0;
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (computerSnakes < 5)
        {
            WebSocketReceiveResult result = await socket.ReceiveAsync(buffer, limit.Token);
            using JsonDocument message = JsonDocument.Parse(buffer.AsMemory(0, result.Count));
            if (message.RootElement.GetProperty("type").GetString() != "state") continue;
            computerSnakes = message.RootElement.GetProperty("snakes").EnumerateArray()
                .Count(s => s.GetProperty("name").GetString()!.StartsWith("ai-", StringComparison.Ordinal));
        }

        // Leave, then Ctrl+C: the room closes, its hook ends the worker, and the server stops.
        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        await server.WaitForLineAsync(l => l.Contains("room closed"), TimeSpan.FromSeconds(30));
        await OffloadTests.WaitFor(() => Gone(worker), "the worker to end with the room", 10);
        server.Interrupt();
        int code = await server.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.True(code == 0, $"exit code {code}\n{server.StandardOutput}\n{server.StandardError}");
    }

    [Fact]
    public async Task A_wrong_offload_mode_is_one_line_and_a_usage_error()
    {
        await using RunningProcess program = RunningProcess.StartCourseProgram("offloading", "server", "--offload", "gpu");
        Assert.Equal(2, await program.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("error: --offload must be none, thread or process, not 'gpu'.\n", program.StandardError);
    }

    private static bool Gone(int pid)
    {
        try
        {
            using Process process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    [GeneratedRegex(@"http://([^/]+)/")]
    private static partial Regex Address();

    [GeneratedRegex(@"worker (\d+) started")]
    private static partial Regex Worker();
}
