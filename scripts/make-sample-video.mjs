// Makes samples/pan.mp4 and samples/pan-mask.mp4 from samples/meadow.jpg: a camera panning across
// the meadow while a red ball bounces through the shot, and the ball's mask (grown by 4 pixels) as
// a lossless mask video. Run from the repository root: node scripts/make-sample-video.mjs
import { spawnSync } from 'node:child_process';
import sharp from 'sharp';

const frames = 32, width = 256, height = 192, fps = 12, radius = 13, margin = 4;
const { data: photo, info } = await sharp('samples/meadow.jpg').removeAlpha().raw().toBuffer({ resolveWithObject: true });

const video = Buffer.alloc(frames * width * height * 3);
const masks = Buffer.alloc(frames * width * height * 3);
for (let t = 0; t < frames; t++) {
  const panX = 2 * t, panY = 24; // the camera moves 2 px a frame to the right
  const ballX = 40 + 6 * t, ballY = 150 - 110 * Math.abs(Math.sin((Math.PI * t) / 16)); // one bounce
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (t * width * height + y * width + x) * 3;
      const s = ((y + panY) * info.width + x + panX) * 3;
      const d = Math.hypot(x - ballX, y - ballY);
      if (d <= radius) {
        // A shaded ball, lit from the upper left.
        const light = 0.55 + 0.45 * Math.max(0, 1 - Math.hypot(x - ballX + 4, y - ballY + 4) / radius);
        video[o] = 220 * light;
        video[o + 1] = 40 * light;
        video[o + 2] = 30 * light;
      } else {
        photo.copy(video, o, s, s + 3);
      }
      if (d <= radius + margin) masks.fill(255, o, o + 3);
    }
  }
}

function encode(raw, output, crf) {
  const result = spawnSync('ffmpeg', [
    '-v', 'error', '-y', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${width}x${height}`, '-framerate', String(fps), '-i', '-',
    '-c:v', 'libx264', '-crf', String(crf), '-pix_fmt', 'yuv420p', output,
  ], { input: raw });
  if (result.status !== 0) throw new Error(`ffmpeg: ${result.stderr}`);
}
encode(video, 'samples/pan.mp4', 18);
encode(masks, 'samples/pan-mask.mp4', 0);
console.log('wrote samples/pan.mp4 and samples/pan-mask.mp4');
