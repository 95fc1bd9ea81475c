using Agar.Game;
using Agar.View;

namespace Agar;

/// <summary>
/// The client's loop, offline or networked: poll input, run as many fixed ticks (30 a second) as real time calls
/// for, draw one frame, wait for the next. Simulation and drawing run at different rates on purpose
/// (Game Programming Patterns, "Game Loop": fixed update, variable render): the game plays the same
/// on a fast or a slow machine, only the smoothness of the picture changes.
/// </summary>
public sealed class GameLoop(IGameView view, IPlayable game, TimeProvider time)
{
    private const double FramesPerSecond = 60;
    /// <summary>After a long stall (a debugger, a swapped laptop) catch up at most this many ticks, then move on.</summary>
    private const int MaxTicksPerFrame = 5;

    public long Frames { get; private set; }

    public void Run(TimeSpan? duration, CancellationToken cancel)
    {
        long start = time.GetTimestamp(), last = start, fpsWindowStart = start;
        double behind = 0, fps = 0;
        int framesThisSecond = 0;
        while (!cancel.IsCancellationRequested)
        {
            ViewInput input = view.Poll();
            if (input.Quit) break;
            foreach (char key in input.Typed) game.Toggle(key);
            game.Steer(input.Steer);

            long now = time.GetTimestamp();
            behind += time.GetElapsedTime(last, now).TotalSeconds;
            last = now;
            for (int ticks = 0; behind >= game.TickSeconds; ticks++)
            {
                if (ticks == MaxTicksPerFrame) { behind = 0; break; }
                game.Step();
                behind -= game.TickSeconds;
            }

            view.Draw(new Frame(game.View(), fps, game.PingMs, game.Status));
            Frames++;
            framesThisSecond++;
            if (time.GetElapsedTime(fpsWindowStart).TotalSeconds >= 1)
            {
                fps = framesThisSecond / time.GetElapsedTime(fpsWindowStart).TotalSeconds;
                framesThisSecond = 0;
                fpsWindowStart = time.GetTimestamp();
            }
            if (duration is { } limit && time.GetElapsedTime(start) >= limit) break;

            // Vsync may be off (Xvfb has none): sleep out the rest of this frame's 1/60 s.
            TimeSpan spare = TimeSpan.FromSeconds(1 / FramesPerSecond) - time.GetElapsedTime(now);
            if (spare > TimeSpan.Zero) Thread.Sleep(spare);
        }
    }
}
