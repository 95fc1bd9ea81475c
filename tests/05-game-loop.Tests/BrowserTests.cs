using System.Text.Json;
using Course.Cli;
using Course.Testing;
using Microsoft.Playwright;
using Snake.Bots;
using Snake.Game;
using Snake.Rooms;
using Snake.Web;

namespace GameLoop.Tests;

/// <summary>
/// The page in a real browser: Debian's Chromium, headless, driven by Playwright (which never downloads
/// a browser here: we hand it the installed one). The test plays: it reads what the page knows, presses
/// arrow keys towards the food, and waits to see the snake move and the score go up.
/// </summary>
public sealed class BrowserTests
{
    [NeedsProgramFact("chromium", "sudo apt-get install chromium")]
    public async Task The_page_plays_with_the_arrow_keys()
    {
        await using SnakeServer server = await Servers.StartAsync(Log.Null, new RoomOptions { TickRate = 20, Seed = 3 });
        using var stopBots = new CancellationTokenSource();
        // Two bots for company, so the screenshot shows a game, not a lonely snake.
        Task[] bots = new[] { "ada", "bit" }.Select(n => new SnakeBot(server.EndPoint, "lobby", n).RunAsync(stopBots.Token)).ToArray();

        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExternalProgram.Find("chromium"),
            Headless = true,
            Args = ["--no-sandbox"],
            Timeout = 30_000,
        });
        IPage page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 960, Height = 600 } });
        await page.GotoAsync($"http://127.0.0.1:{server.EndPoint.Port}/?name=you", new PageGotoOptions { Timeout = 30_000 });
        await page.WaitForFunctionAsync("() => window.snakeClient.state !== null", null, new PageWaitForFunctionOptions { Timeout = 30_000 });

        var heads = new HashSet<Cell>();
        int score = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(40);
        while (score < 1 && DateTime.UtcNow < deadline)
        {
            using JsonDocument known = JsonDocument.Parse(await page.EvaluateAsync<string>("() => JSON.stringify(window.snakeClient)"));
            int id = known.RootElement.GetProperty("id").GetInt32();
            JsonElement state = known.RootElement.GetProperty("state");
            JsonElement me = state.GetProperty("snakes").EnumerateArray().First(s => s.GetProperty("id").GetInt32() == id);
            score = me.GetProperty("score").GetInt32();
            var body = Cells(me.GetProperty("body"));
            if (body.Count > 0)
            {
                heads.Add(body[0]);
                // Press the key a player would press: towards the nearest food, never into a wall or a body.
                var blocked = state.GetProperty("snakes").EnumerateArray().SelectMany(s => Cells(s.GetProperty("body"))).ToHashSet();
                var heading = Enum.Parse<Direction>(me.GetProperty("heading").GetString()!, ignoreCase: true);
                Direction want = Steering.Choose(body[0], heading, blocked, Cells(state.GetProperty("food")), 40, 30);
                if (want != heading) await page.Keyboard.PressAsync(want.Key());
            }
            await Task.Delay(40);
        }

        Assert.True(heads.Count > 3, $"the snake should move; its head was seen at {heads.Count} places");
        Assert.True(score >= 1, "the snake should eat and score within 40 s");
        // The scoreboard on the page says so too.
        Assert.Matches(@"you: [1-9]", await page.InnerTextAsync("#scores"));

        // A chat line typed key by key into the page's box: its w, a, s and d must type, not steer.
        await page.Locator("#line").PressSequentiallyAsync("was that a wall?");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("() => window.snakeClient.chat.length > 0", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        Assert.Contains("you (local): was that a wall?", await page.InnerTextAsync("#chat"));

        byte[] png = await page.ScreenshotAsync();
        string shot = Path.Combine(Path.GetTempPath(), "05-game-loop-browser.png");
        await File.WriteAllBytesAsync(shot, png);
        // The docs page shows this screenshot; refresh it with UPDATE_DOCS_IMAGES=1 dotnet test ...
        if (Environment.GetEnvironmentVariable("UPDATE_DOCS_IMAGES") == "1")
            await File.WriteAllBytesAsync(Path.Combine(RepositoryRoot(), "docs", "images", "05-game-loop-browser.png"), png);

        await stopBots.CancelAsync();
        await Task.WhenAll(bots).WaitAsync(TimeSpan.FromSeconds(15));
    }

    private static List<Cell> Cells(JsonElement array) =>
        array.EnumerateArray().Select(c => new Cell(c[0].GetInt32(), c[1].GetInt32())).ToList();

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Tutorial.sln"))) folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("Tutorial.sln not found above the test folder");
    }
}
