using System.CommandLine;
using Course.Cli;

namespace Chat;

/// <summary>The <c>bot</c> verb: a bot that chats now and then and answers private messages.</summary>
internal static class BotCommand
{
    public static Command Create()
    {
        var connection = new ConnectionOptions();
        var nick = new Option<string>("--nick") { Description = "The bot's nickname", DefaultValueFactory = _ => "chatbot" };
        var every = Ranged.Between("--every", "Seconds between the bot's lines", 3.0, 0.05, 3600);
        var seed = Ranged.Between("--seed", "Seed for the bot's choice of lines", 4, 0, int.MaxValue);
        var seconds = CommonOptions.Seconds(60, "How long the bot stays");

        var bot = new Command("bot", "A bot that chats now and then and answers private messages");
        foreach (Option option in connection.All) bot.Options.Add(option);
        foreach (Option option in new Option[] { nick, every, seed, seconds }) bot.Options.Add(option);
        return bot.WithAction(async (args, cancel) =>
        {
            if (Nickname.Problem(args.GetValue(nick)!) is { } problem) throw new UserError($"--nick: {problem}.", ExitCodes.Usage);
            await using ChatConnection connected = await connection.ConnectAsync(args, cancel);
            var chatBot = new Bot(connected, args.GetValue(nick)!, TimeSpan.FromSeconds(args.GetValue(every)), args.GetValue(seed), new Log(Console.Out, "bot"));
            await chatBot.RunAsync(TimeSpan.FromSeconds(args.GetValue(seconds)), cancel);
            return ExitCodes.Success;
        });
    }
}
