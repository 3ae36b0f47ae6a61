import type { Role } from './cast.ts';
import type { Kind, Phase, ScriptedKind, Template } from './texts.ts';

/** English templates, written for the demo. Hashtags are the ones in use in December 2016. */
export const EN: Record<Exclude<Kind, 'role' | 'news' | 'viral'>, Template[]> = {
  shelling: [
    (s) => `Heavy ${s.weapon.en} on ${s.area.en} since dawn. ${s.n} killed and ${s.m} wounded so far. #Aleppo`,
    (s) => `Another massacre in ${s.area.en}: ${s.n} civilians killed, ${s.k} of them children. #StandWithAleppo`,
    (s) =>
      `${s.area.en} right now. The bombing has not stopped for ${s.hours} hours. Buildings are falling on families.`,
    (s) => `Counted ${s.n} airstrikes on ${s.home.en} since midnight. Civil Defence cannot reach the wounded.`,
    (s) => `Update from ${s.area.en}: at least ${s.n} dead, dozens under the rubble. ${cap(s.weapon.en)} again.`,
    (s) =>
      `They are hitting ${s.area.en} and ${s.area2.en} with ${s.weapon.en}. No basement is safe anymore. #AleppoIsBurning`,
    (s) => `The street next to ours in ${s.home.en} is gone. ${s.n} people, I knew some of them.`,
  ],
  plea_evacuation: [
    (s) =>
      `We need a safe corridor NOW. ${s.thousands},000 civilians trapped in a few square kilometres. Please, world, do something. #SaveAleppo`,
    () =>
      'To the UN and to everyone listening: evacuate the wounded and the children from east Aleppo before it is too late.',
    (s) =>
      `Please share. We are civilians in ${s.home.en}, ${s.k} children with us, no way out. We ask for safe passage, nothing more.`,
    () => 'Is anyone hearing us? We are not asking for food or money. Just let us leave alive. #SaveAleppo',
    (s) =>
      `Open the road. ${s.k} families in our building alone are waiting to leave ${s.home.en}. Let the civilians out.`,
  ],
  plea_medical: [
    (s) =>
      `URGENT: we need blood type ${s.blood} at the field hospital in ${s.area.en}. Anyone who can reach it, come now.`,
    (s) =>
      `We are out of anaesthetic. Surgeons operate on children without it. ${s.n} critical cases need evacuation today.`,
    (s) => `${s.m} wounded waiting for surgery and only two doctors left in ${s.area.en}. Please help us get them out.`,
    (s) =>
      `Medical plea: dialysis and insulin patients in ${s.home.en} will die within days without treatment. #SaveAleppo`,
  ],
  alive: [
    (s) =>
      s.hour >= 6 && s.hour < 12 ? `Still alive. Long night of shelling in ${s.home.en}, but we are all alive.` : '',
    () => "We are alive. Thank you for your messages, I can't answer everyone, the internet comes and goes.",
    (s) => `Alive for now. ${s.hours} hours without sleep.`,
    (s) => (s.hour >= 6 && s.hour < 12 ? `Morning from ${s.home.en}. We survived another night.` : ''),
    () => 'Still alive, still here. Thank you for not forgetting us.',
  ],
  life: [
    (s) => `No bread for ${s.days} days. The children eat dates and water.`,
    (s) =>
      s.hour >= 19 || s.hour < 6
        ? `It is minus ${s.temp} degrees tonight and we burn furniture to keep the kids warm.`
        : '',
    (s) => `We fled ${s.fled.en} with nothing. Now ${s.k} families share one basement in ${s.home.en}.`,
    () => 'No electricity, no water, no bread. Only bombs.',
    (s) => (s.hour >= 19 || s.hour < 6 ? 'My son asked me tonight if dying hurts. I did not know what to say.' : ''),
    (s) => `Queued ${s.hours} hours for water in ${s.home.en}. A shell fell at the end of the street while we waited.`,
  ],
};

export const EN_ROLE: Record<Role, Template[]> = {
  doctor: [
    (s) => `The last hospital in ${s.area.en} is out of service after direct hits. We treat the wounded on the floor.`,
    (s) => `${s.m} patients today, ${s.k} did not make it. No beds left, no gauze left.`,
    (s) => `Operated for ${s.hours} hours straight. I wash my hands and there is more blood waiting.`,
  ],
  nurse: [
    (s) =>
      s.hour >= 19 || s.hour < 6
        ? `Night shift at the field clinic in ${s.home.en}. ${s.k} children came in with shrapnel wounds.`
        : '',
    () => 'We reuse gloves now. We boil the instruments on a wood fire. We have nothing else.',
  ],
  rescuer: [
    (s) =>
      `We pulled ${s.k} people alive from the rubble in ${s.area.en} today, and ${s.k + 2} bodies. Still searching.`,
    () => 'The last fuel for the excavator is gone. We dig with our hands now. #WhiteHelmets',
    (s) => `A family of ${s.k} under a collapsed building in ${s.area.en}. We hear voices. We keep digging.`,
  ],
  teacher: [
    (s) => `I used to teach ${s.n} children in ${s.home.en}. Today I counted the ones I know are alive: ${s.k}.`,
    () => 'We made a small class in the basement. The kids drew their houses, then drew the planes.',
    () => 'One of my students asked me to teach her the word "ceasefire" in English. I did not know how to explain it.',
  ],
  journalist: [
    (s) =>
      s.hour >= 19 || s.hour < 6
        ? `Front line moved again tonight. Regime forces at the edge of ${s.area.en}. Families fleeing towards ${s.area2.en}.`
        : '',
    (s) =>
      `Reports of executions in ${s.fled.en} after regime forces entered. We cannot verify yet, trying to reach people there.`,
    (s) => (s.hour >= 19 || s.hour < 6 ? `Listen to the jets over ${s.home.en}. This is every night now. #Aleppo` : ''),
  ],
  parent: [
    (s) => `My daughter has a fever and there is no medicine anywhere in ${s.home.en}.`,
    (s) => `${s.k} children in one room. They cannot sleep from the sound of the bombs. Neither can I.`,
  ],
  pharmacist: [
    () => 'The pharmacy shelves are empty. No antibiotics, no painkillers, no insulin.',
    (s) => `A mother walked from ${s.area.en} for paracetamol. I had nothing to give her.`,
  ],
  student: [
    () => 'I was supposed to finish my engineering degree this year. Now I count barrel bombs.',
    (s) => `We are ${s.k} students still in ${s.home.en}. We film, we write, so nobody can say they did not know.`,
  ],
  engineer: [
    (s) => `The water station in ${s.area.en} was hit again. ${s.thousands},000 people without clean water.`,
    () => 'Fixed the generator for the clinic with parts from three cars. It will run for two more days.',
  ],
};

export const EN_NEWS: Record<Phase, Template[]> = {
  siege: [
    (s) =>
      `Regime forces took ${s.fled.en}. The enclave is now a few neighbourhoods: ${s.area.en}, ${s.area2.en} and around.`,
    () => 'No aid has entered east Aleppo since July. The UN says food ran out weeks ago.',
  ],
  deal: [
    (s) =>
      s.hour >= 17 || s.hour < 6
        ? 'Reports of a ceasefire and an evacuation deal tonight. We will believe it when we see the buses.'
        : '',
    (s) => `People in ${s.home.en} are packing what they can carry. Everyone is waiting for the green buses.`,
  ],
  collapse: [
    () => 'The ceasefire collapsed. Shelling resumed this morning and the buses did not come.',
    (s) => `We waited all night for the evacuation. Instead, ${s.weapon.en} on ${s.area.en}.`,
  ],
};

export const EN_VIRAL =
  'I am a civilian in east Aleppo. This is not a war, it is an extermination. Save what is left of us.';

export const EN_SCRIPTED: Record<ScriptedKind, Template[]> = {
  farewell: [
    (s) =>
      `This may be my last tweet. If they enter ${s.home.en} tonight, remember us. Remember that we only asked to live. Goodbye.`,
  ],
  after_farewell: [
    () => 'Still here. Last night I thought it was the end, but we are still alive. The shelling has not stopped.',
  ],
  alive_and_safe: [
    (s) =>
      `We are alive and safe. We reached a safer shelter in ${s.area2.en}, all of us, the children too. Thank you for every prayer.`,
  ],
  back_online: [
    (s) => `Back online. The network was cut in ${s.home.en} for ${s.hours} hours. We are alive.`,
    (s) => `Internet is back in ${s.home.en} after ${s.hours} hours. We are okay. Thank you for worrying about us.`,
  ],
  going_offline: [
    (s) =>
      `Battery at 3% and no electricity in ${s.home.en} since yesterday. I will be offline for a while: if you don't hear from me, it is the phone, not us.`,
  ],
  last_words: [(s) => `Shelling very close to us in ${s.home.en}. Going down to the basement with the children.`],
  asking_after: [
    (s) => `Does anyone have news of ${s.other.en}? Not answering since yesterday morning. Please tell me.`,
  ],
  outage_noticed: [
    (s) =>
      `No news from ${s.area.en} for ${s.hours} hours. All our contacts there are unreachable. Phones and internet seem cut.`,
  ],
};

/** Periscope posts are broadcast titles. */
export const EN_PERISCOPE: Template[] = [
  (s) => `LIVE: ${s.area.en} after the strikes`,
  (s) => `Live from ${s.home.en}, the sound of the jets`,
  () => 'LIVE: east #Aleppo tonight',
];

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
