using Course.Cli;

namespace Chat;

/// <summary>
/// A chat bot: picks a nickname, says something now and then, and answers private messages. It is an
/// ordinary client; the server cannot tell it from a person.
/// </summary>
public sealed class Bot(ChatConnection connection, string nick, TimeSpan every, int seed, Log log)
{
    private static readonly string[] Sayings =
    [
        "beep. anyone up for a game?",
        "fun fact: a TCP port number has 16 bits",
        "/me polishes its antenna",
        "remember: the network is not reliable",
        "I answer private messages: /msg me something",
    ];

    public async Task RunAsync(TimeSpan runFor, CancellationToken cancel)
    {
        var random = new Random(seed);
        await connection.SendLineAsync($"/nick {nick}", cancel);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        stop.CancelAfter(runFor);

        Task listening = ListenAsync(stop.Token);
        try
        {
            while (!stop.IsCancellationRequested && !listening.IsCompleted)
            {
                await Task.Delay(every, stop.Token);
                string line = Sayings[random.Next(Sayings.Length)];
                log.Line($"says: {line}");
                await connection.SendLineAsync(line, stop.Token);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (IOException)
        {
            // The server went away while we were talking: the listener says why, below.
        }
        if (!listening.IsCompleted)
        {
            // Bounded, like everything here: a server that never reads must not keep us at /quit.
            try { await connection.SendLineAsync("/quit", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(3)); }
            catch (Exception e) when (e is IOException or TimeoutException) { }
            try { await listening.WaitAsync(TimeSpan.FromSeconds(3)); } catch (Exception e) when (e is TimeoutException or OperationCanceledException) { }
        }
        if (connection.Ending is { } why) throw new UserError(why);
    }

    private async Task ListenAsync(CancellationToken stop)
    {
        while (await connection.ReadLineAsync(CancellationToken.None) is { } line)
        {
            log.Line($"heard: {ChatCommands.Printable(line)}");
            // "[alice -> you] hi": answer the sender privately.
            if (!stop.IsCancellationRequested && line.StartsWith('[') && line.IndexOf(" -> you] ", StringComparison.Ordinal) is > 1 and int end)
                await connection.SendLineAsync($"/msg {line[1..end]} beep! you said: {line[(end + 9)..]}", CancellationToken.None);
        }
    }
}
