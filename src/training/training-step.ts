/**
 * One training step of any network, as the official trainers run it: the generator's forward pass,
 * the discriminator's update (zero its gradients, backward its loss, optimiser step), then the
 * generator's update, whose loss sees the just-updated discriminator, or (a session's
 * `generatorLossSees`) the discriminator as it was before its update: both losses built first
 * (discriminator's, then generator's), the generator's gradient taken before the discriminator
 * moves. A session may also ask for the generator's update first (`firstUpdate`, FFVI's order).
 */
import type { Tensor } from '../torch/index.js';
import type { StepLosses, TrainedNetwork, TrainingBatch, TrainingSession } from './network-training.js';

/** Discriminator update, then generator update; the loss terms' values. Run it inside a tidy scope. */
export function trainingStep(session: TrainingSession, batch: TrainingBatch): Record<string, number> {
  const prediction = session.predict(batch);
  const values: Record<string, number> = {};
  const record = ({ terms }: StepLosses): void => {
    for (const [name, value] of Object.entries(terms) as [string, Tensor][]) values[name] = value.item() as number;
  };
  const backward = (network: TrainedNetwork, losses: StepLosses): void => {
    network.optimizer.zeroGrad();
    losses.total.backward();
    record(losses);
  };
  const { discriminator, discriminatorStep } = session;
  const adversarial = discriminator && discriminatorStep;
  if (adversarial && session.firstUpdate === 'generator') {
    backward(session.generator, session.generatorStep(batch, prediction));
    session.generator.optimizer.step();
    backward(discriminator, discriminatorStep.call(session, batch, prediction));
    discriminator.optimizer.step();
    return values;
  }
  if (adversarial && session.generatorLossSees === 'discriminator-before-its-update') {
    const dLosses = discriminatorStep.call(session, batch, prediction);
    const gLosses = session.generatorStep(batch, prediction);
    // The generator's backward also reaches the discriminator's gradients; its zeroing clears them.
    backward(session.generator, gLosses);
    backward(discriminator, dLosses);
    discriminator.optimizer.step();
    session.generator.optimizer.step();
    return values;
  }
  if (adversarial) {
    backward(discriminator, discriminatorStep.call(session, batch, prediction));
    discriminator.optimizer.step();
  }
  backward(session.generator, session.generatorStep(batch, prediction));
  session.generator.optimizer.step();
  return values;
}
