using Course.Cli;

namespace Chat.Tests;

public sealed class BotTests
{
    [Fact]
    public async Task The_bot_talks_and_answers_private_messages()
    {
        await using var server = await Servers.Start();
        await using var person = await RawClient.ConnectAsync(server.EndPoint);
        await using var connection = await ChatConnection.ConnectAsync(server.EndPoint, null, RawClient.Patience, CancellationToken.None);
        var bot = new Bot(connection, "beepbot", TimeSpan.FromMilliseconds(300), seed: 1, Log.Null);
        Task running = bot.RunAsync(TimeSpan.FromSeconds(3), CancellationToken.None);

        await person.WaitForAsync(l => l == "* guest2 is now beepbot");
        await person.WaitForAsync(l => l.StartsWith("<beepbot> ", StringComparison.Ordinal) || l.StartsWith("* beepbot ", StringComparison.Ordinal));
        await person.SendAsync("/msg beepbot hello bot");
        await person.WaitForAsync(l => l == "[beepbot -> you] beep! you said: hello bot");
        await running.WaitAsync(TimeSpan.FromSeconds(30));
        await person.WaitForAsync(l => l == "* beepbot left (quit)");
    }
}
