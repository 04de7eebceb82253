#!/usr/bin/python3
"""bench/gen_corpus.py owns the synthetic corpus of the benchmark: news of
town and development-zone party committees, parks, companies, officials and
projects, with every name built from parts so that no two runs of the words
are the same article, in the messy forms real files come in.

usage: gen_corpus.py OUT_DIR [--mb 50] [--seed 1]

Of the files, about a third are in traditional script with pinyin glosses
after some converted characters (区(qū)), made with python3-icu; some are GBK;
some carry page furniture, several articles, or PDF line breaks inside
sentences. Output is deterministic for a seed.
"""
import argparse
import os
import random
import sys

try:
    import icu
except ImportError:  # pragma: no cover - the setup scripts install python3-icu
    sys.exit("gen_corpus.py: python3-icu is missing (apt-get install python3-icu; run with /usr/bin/python3)")

# Parts of names. Combined, they give tens of thousands of places and firms.
PLACE_HEADS = "青白东西南北金银长安平永兴宁华新清龙凤云山河湖江海石桥柳松梅桃杏枫马牛鹿泉溪塘田坪岭峰"
PLACE_TAILS = "山河湖江桥口塘坪岭泉溪湾州阳城沟庄集店埠坝营铺冈"
PROVINCES = ["江苏省", "浙江省", "安徽省", "山东省", "河南省", "湖北省", "湖南省", "四川省", "陕西省",
             "江西省", "福建省", "广东省", "河北省", "山西省", "贵州省", "云南省", "甘肃省"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "国建立志伟军明华平海小东新春晓丽红文永光德林玉秀英杰强磊勇涛斌鹏辉宇浩俊峰超刚亮翔霞燕静敏婷雪梅兰芳琳颖洁慧"
BRAND_PARTS = "华恒瑞达鑫盛泰隆辉源正信通宏远博创科联凯德润嘉和金银星海天航智芯云力立德普康安捷讯迈锐铭"
INDUSTRIES = ["智能制造", "新能源", "生物医药", "新材料", "电子信息", "汽车零部件", "绿色食品", "数字经济",
              "高端装备", "节能环保", "现代纺织", "精细化工", "光电显示", "储能", "半导体", "物流"]
PRODUCTS = ["锂电池", "光伏组件", "数控机床", "工业机器人", "永磁电机", "医用敷料", "碳纤维", "芯片封装",
            "智能传感器", "新能源汽车电机", "预制菜", "无纺布", "氢燃料电池", "显示面板", "服务器"]
FIRM_SUFFIXES = ["科技有限公司", "股份有限公司", "有限公司", "集团", "集团有限公司", "实业有限公司",
                 "技术股份有限公司"]
PARK_SUFFIXES = ["经济开发区", "高新技术产业开发区", "高新区", "产业园", "科技城", "软件园", "工业园区",
                 "特色小镇", "经济技术开发区"]
UNIVERSITY_SUFFIXES = ["大学", "理工大学", "科技大学", "职业技术学院", "研究院", "技术研究院"]
OUTLETS = ["日报", "晚报", "新闻网", "融媒体中心", "发布", "商报", "观察"]
TITLE_VERBS = ["党建引领", "聚力", "赋能", "跑出", "按下", "答好", "念好", "打造", "激活", "筑牢"]
TITLE_OBJECTS = ["高质量发展", "招商引资", "营商环境", "产业升级", "项目建设加速度", "服务企业快捷键",
                 "乡村振兴新引擎", "发展新动能", "“压舱石”", "链式集群"]
FURNITURE_TOP = ["首页 > 要闻 > 正文", "当前位置:首页 > 地方 > 新闻", "首页 > 宏观 > 正文", "字号:大 中 小"]
FURNITURE_BOTTOM = ["返回顶部", "相关阅读", "精彩推送", "分享到:", "【打印】【关闭】"]


class Names:
    """Draws names for one article from the parts above."""

    def __init__(self, rng):
        self.rng = rng

    def pick(self, chars, n):
        return "".join(self.rng.choice(chars) for _ in range(n))

    def place_core(self):
        return self.pick(PLACE_HEADS, 1) + self.pick(PLACE_TAILS, 1)

    def person(self):
        return self.rng.choice(SURNAMES) + self.pick(GIVEN, self.rng.choice((1, 2, 2)))

    def brand(self):
        return self.pick(BRAND_PARTS, 2)


def article(rng, names):
    """One article: a headline, a dateline, paragraphs, an editor. Returns text."""
    province = rng.choice(PROVINCES)
    city = names.place_core() + "市"
    county = names.place_core() + rng.choice(["县", "区", "市"])
    town_core = names.place_core()
    town = town_core + rng.choice(["镇", "镇", "乡", "街道"])
    town_kind = town[len(town_core):]
    short = "镇" if town_kind == "镇" else ("乡" if town_kind == "乡" else "街道")
    head_title = {"镇": "镇长", "乡": "乡长"}.get(short, "办事处主任")
    park = (town_core if rng.random() < 0.5 else county[:-1]) + rng.choice(
        ["", rng.choice(INDUSTRIES)]) + rng.choice(PARK_SUFFIXES)
    firms = []
    for _ in range(rng.randint(2, 5)):
        brand = names.brand()
        prefix = rng.choice([city[:-1], county[:-1], ""])
        firms.append((prefix + brand + rng.choice(INDUSTRIES) + rng.choice(FIRM_SUFFIXES), brand + "公司"))
    university = rng.choice([city[:-1], province[:-1], names.place_core()]) + rng.choice(UNIVERSITY_SUFFIXES)
    secretary, mayor, deputy, park_head, boss, clerk = (names.person() for _ in range(6))
    product = rng.choice(PRODUCTS)
    project = rng.choice(INDUSTRIES) + product + rng.choice(["生产线项目", "产业化项目", "扩能项目", "项目"])
    invest = f"{rng.randint(1, 80)}.{rng.randint(1, 9)}亿元"
    year = rng.randint(2018, 2024)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    firm, firm_short = firms[0]

    sentences = [
        f"今年以来,{county}{town}党委坚持以党建引领经济发展,围绕{rng.choice(INDUSTRIES)}产业链持续发力,为企业发展营造良好环境。",
        f"{month}月{day}日,{town}党委书记{secretary}带队走访{firm},实地察看生产车间,详细了解企业生产经营和用工情况。",
        f"“企业有需求,我们就有回应。”{secretary}表示,{short}党委将把服务企业作为主题教育的重要实践课。",
        f"主管经济发展工作的{short}党委委员、副{head_title.replace('办事处', '')}{deputy}介绍,{park}已累计引进企业{rng.randint(10, 300)}家,其中规模以上工业企业{rng.randint(5, 90)}家。",
        f"总投资{invest}的{project}落户{park},项目达产后预计年产值{rng.randint(2, 60)}亿元。",
        f"{park}党工委书记、管委会主任{park_head}到{firms[-1][0]}调研,协调解决企业用地、用电等问题。",
        f"{firm}董事长{boss}说,公司今年订单同比增长{rng.randint(5, 60)}%,新建的{product}车间即将投产。",
        f"{firm_short}与{university}签订战略合作协议,共建{rng.choice(INDUSTRIES)}联合实验室,推动科技成果就地转化。",
        f"{town}{head_title}{mayor}在座谈会上说,{short}里将进一步优化营商环境,做好要素保障。",
        f"据了解,{town}经济发展办公室副主任{clerk}等工作人员组成专班,实行“一企一策”跟踪服务。",
        f"目前,{'、'.join(f[1][:-2] for f in firms)}等企业已形成{rng.choice(PRODUCTS)}配套集群。",
        f"下一步,{town}将依托{park},全力推进{rng.choice(INDUSTRIES)}产业集聚发展,为{city}{county}高质量发展贡献力量。",
    ]
    rng.shuffle(sentences)
    paragraphs = []
    i = 0
    while i < len(sentences):
        take = rng.randint(1, 3)
        paragraphs.append("".join(sentences[i:i + take]))
        i += take
    headline = f"{town}{rng.choice(['党委', ''])}:{rng.choice(TITLE_VERBS)}{rng.choice(TITLE_OBJECTS)}"
    outlet = (city[:-1] if rng.random() < 0.5 else province[:-1]) + rng.choice(OUTLETS)
    dateline = f"{year}-{month:02d}-{day:02d} {rng.randint(7, 22):02d}:{rng.randint(0, 59):02d} 来源:{outlet}"
    editor = f"责任编辑:{names.person()}"
    return "\n\n".join([headline, dateline] + paragraphs + [editor]) + "\n"


def break_lines(rng, text):
    """PDF extraction breaks lines at the page width, inside sentences."""
    out, col = [], 0
    width = rng.randint(28, 40)
    for ch in text:
        out.append(ch)
        col = 0 if ch == "\n" else col + 1
        if col >= width and rng.random() < 0.3:
            out.append("\n\n" if rng.random() < 0.5 else "\n")
            col = 0
    return "".join(out)


class Traditional:
    """Simplified -> traditional with pinyin glosses after some converted characters."""

    def __init__(self, rng):
        self.rng = rng
        self.to_traditional = icu.Transliterator.createInstance("Simplified-Traditional")
        self.to_pinyin = icu.Transliterator.createInstance("Han-Latin")
        self.pinyin = {}

    def gloss(self, ch):
        if ch not in self.pinyin:
            self.pinyin[ch] = self.to_pinyin.transliterate(ch)
        return self.pinyin[ch]

    def convert(self, simplified):
        traditional = self.to_traditional.transliterate(simplified)
        if len(traditional) != len(simplified):  # one-to-one is the common case; keep it simple otherwise
            return traditional
        out = []
        for s, t in zip(simplified, traditional):
            out.append(t)
            if s != t and self.rng.random() < 0.5:
                out.append(f"({self.gloss(t)})")
        return "".join(out)


def one_file(rng, names, traditional):
    """The text and encoding of one file."""
    count = 1 if rng.random() < 0.85 else rng.randint(2, 4)
    parts = [article(rng, names) for _ in range(count)]
    text = "\n\n".join(parts)
    if rng.random() < 0.3:
        text = "\n".join(rng.sample(FURNITURE_TOP, 2)) + "\n\n" + text + "\n" + "\n".join(
            rng.sample(FURNITURE_BOTTOM, 2)) + "\n"
    if rng.random() < 0.2:
        text = break_lines(rng, text)
    roll = rng.random()
    if roll < 1 / 3:
        return traditional.convert(text), "utf-8"
    if roll < 0.45:
        return text, "gbk"
    if roll < 0.5:
        return text, "utf-8-sig"
    return text, "utf-8"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir")
    parser.add_argument("--mb", type=float, default=50.0, help="size of the corpus in MB (default 50)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    names = Names(rng)
    traditional = Traditional(rng)
    os.makedirs(args.out_dir, exist_ok=True)
    target = int(args.mb * 1024 * 1024)
    written, index = 0, 0
    while written < target:
        text, encoding = one_file(rng, names, traditional)
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            data, encoding = text.encode("utf-8"), "utf-8"
        sub = os.path.join(args.out_dir, f"{index // 1000:03d}")
        os.makedirs(sub, exist_ok=True)
        tag = {"utf-8": "u8", "utf-8-sig": "bom", "gbk": "gbk"}[encoding]
        with open(os.path.join(sub, f"{index:06d}_{tag}.txt"), "wb") as f:
            f.write(data)
        written += len(data)
        index += 1
    print(f"gen_corpus: {index} files, {written / 1048576:.1f} MB in {args.out_dir}", file=sys.stderr)


if __name__ == "__main__":
    main()
