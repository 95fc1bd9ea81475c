using System.CommandLine;
using Course.Cli;

namespace Chat;

/// <summary>The <c>client</c> verb: chat from this terminal, incoming lines appearing while you type.</summary>
internal static class ClientCommand
{
    public static Command Create()
    {
        var connection = new ConnectionOptions();
        var client = new Command("client", "Chat from this terminal: incoming lines appear while you type");
        foreach (Option option in connection.All) client.Options.Add(option);
        return client.WithAction(async (args, cancel) =>
        {
            await using ChatConnection connected = await connection.ConnectAsync(args, cancel);
            return await new ChatClient(connected, Console.Out).RunAsync(Console.In, cancel);
        });
    }
}
