/**
 * Word lists for the benchmark corpus, most frequent first (drawn with Zipf weights). Written for
 * Vigil; the crisis words follow what eastern Aleppo posts of 2016 talked about.
 */
export const EN_WORDS = `the to of and in a is we are for on this from no they it our all with not people aleppo
are have been still was there will be at by an as more now who one us what their today children my city
east can just still please help killed civilians under bombing families night hospital syria regime water
food bread war world here out need time them after before only again every because would could do know
save going some many other while over alive dead wounded medical doctors rubble houses street streets
shelling airstrikes strikes planes jets bombs barrel siege besieged trapped evacuation corridor safe buses
ceasefire news video photo live report reports neighbourhood building basement winter cold fuel electricity
internet phone message friends family mother father son daughter brother sister home left nothing everything
think believe hope pray stop end long day days hours morning evening tonight yesterday tomorrow week month
humanitarian un aid convoy rescue civil defence white helmets volunteers teachers school students nurses
ambulance injured victims massacre attack forces front line advance fled displaced thousands hundreds dozens
russia iran militias rebels opposition government international community silence shame never forget
share tweet follow account journalist activist witness truth lies propaganda media cameras world watching
our voices hear listen last goodbye message maybe final please remember names counting bodies graves`
  .split(/\s+/)
  .filter(Boolean);

export const AR_WORDS = `في من على إلى و لا ما هذا الناس حلب قصف الأطفال عن مع كل نحن هم بعد قبل اليوم الآن
المدنيين الشرقية المحاصرة النظام الطيران البراميل الغارات شهداء جرحى الجرحى الشهداء تحت الأنقاض الاطفال
مستشفى المستشفى الدفاع المدني المياه الخبز الطعام الكهرباء الإنترنت الليل الصباح المساء البيت البيوت الشارع
أحياء الحي حي السكري المشهد الكلاسة الأنصاري الفردوس صلاح الدين بستان القصر الزبدية العامرية عائلة عائلات
أمي أبي ابني ابنتي أخي أختي أهلي أصدقائي رسالة أخيرة وداعا سامحونا ادعوا لنا الله يا رب الحمد أنقذوا
ممر آمن الإخلاء الباصات الهدنة وقف إطلاق النار الأمم المتحدة العالم الصمت العار المجتمع الدولي الحصار
البرد الشتاء الجوع الدواء الأطباء الممرضات المسعفين المتطوعين المعلمين المدرسة الطلاب صورة فيديو بث مباشر
مجزرة استهداف قذائف صواريخ مدفعية عنقودية متفجرة هاون قناص القوات الميليشيات تقدم انسحاب نزوح نازحين
آلاف مئات عشرات ساعات أيام أسابيع منذ حتى لم لن قد كان كانت يكون نريد نطلب نناشد ساعدونا انشروا
الحقيقة الإعلام الصحفيين الشهود لن ننسى تذكروا أسماء القبور الجثث عاجل خبر أخبار تحديث مستمر`
  .split(/\s+/)
  .filter(Boolean);

/** Words deliberately kept rare (about one message in 20,000 each), for "rarer term" queries. */
export const RARE_WORDS = {
  en: ['ramouseh', 'dialysis', 'excavator', 'paracetamol', 'incubators'],
  ar: ['الراموسة', 'غسيل', 'الحاضنات', 'مولدة', 'خافض'],
} as const;

export const HASHTAGS = {
  en: ['#Aleppo', '#SaveAleppo', '#StandWithAleppo', '#AleppoIsBurning', '#Syria'],
  ar: ['#حلب', '#حلب_تحترق', '#حلب_تباد', '#أنقذوا_حلب', '#سوريا'],
} as const;
