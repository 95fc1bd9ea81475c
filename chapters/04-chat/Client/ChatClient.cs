using Course.Cli;

namespace Chat;

/// <summary>
/// The console client: two loops at once. One prints every line the server sends, as soon as it comes;
/// the other reads what you type and sends it. A client with one loop (read input, then check the
/// network) shows nothing while you think about your next line: that is the blocking UI pitfall.
/// </summary>
public sealed class ChatClient(ChatConnection connection, TextWriter output)
{
    /// <summary>Runs until the server closes the connection, input ends, or Ctrl+C. Returns an exit code.</summary>
    public async Task<int> RunAsync(TextReader input, CancellationToken cancel)
    {
        output.WriteLine($"connected to {Endpoints.Show(connection.Server)}{(connection.IsTls ? " over TLS" : "")}; type /help for the commands, /quit to leave");

        // Not cancelled by Ctrl+C: after /quit we still want to see the server's goodbye.
        using var stopReceiving = new CancellationTokenSource();
        Task receiving = ReceiveLoopAsync(stopReceiving.Token);
        Task typing = TypeLoopAsync(input, cancel);

        if (await Task.WhenAny(receiving, typing) == typing)
        {
            // Input ended or Ctrl+C: say /quit and give the server a moment to answer "* bye".
            try { await connection.SendLineAsync("/quit", CancellationToken.None); } catch (IOException) { }
            stopReceiving.CancelAfter(TimeSpan.FromSeconds(3));
            try { await receiving; } catch (OperationCanceledException) { }
        }
        // When the server goes first, the typing loop may still sit in ReadLine: we leave it there.
        // A server that broke the protocol (a line too long, not UTF-8) is an error: one line, exit 1.
        if (connection.Ending is { } why) throw new UserError(why);
        return ExitCodes.Success;
    }

    private async Task ReceiveLoopAsync(CancellationToken cancel)
    {
        // Printable: our server never relays control characters, but whoever answers on this port might
        // send escape sequences that clear your screen or retitle your window.
        while (await connection.ReadLineAsync(cancel) is { } line) output.WriteLine(ChatCommands.Printable(line));
        if (connection.Ending is null) output.WriteLine("the server closed the connection");
    }

    private async Task TypeLoopAsync(TextReader input, CancellationToken cancel)
    {
        try
        {
            // Console.In blocks in ReadLine; Task.Run keeps that off the receive loop's way.
            while (await Task.Run(input.ReadLine, CancellationToken.None).WaitAsync(cancel) is { } line)
                await connection.SendLineAsync(line, cancel);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
        }
        catch (IOException)
        {
            // The server went away while we were sending; the receive loop reports it.
        }
    }
}
