/**
 * Common English and Spanish nicknames and short forms, each group naming one given name.
 * A match here is a comparison level of its own, so the model learns how much it is worth.
 */
const GROUPS: readonly string[] = [
  'robert rob bob bobby robbie bert',
  'william will bill billy willy liam',
  'richard rick ricky dick rich richie',
  'elizabeth liz lizzie beth betty eliza libby lisa elisa',
  'margaret maggie meg peggy marge margie greta',
  'katherine catherine kathryn kate katie kathy cathy kat kit',
  'james jim jimmy jamie',
  'john jack johnny jon',
  'jonathan jon jonny nathan',
  'michael mike mikey mick mickey miguel',
  'joseph joe joey jose pepe',
  'thomas tom tommy tomas',
  'charles charlie chuck chas carlos',
  'christopher chris kit topher',
  'christina christine chris tina kristina kristen',
  'daniel dan danny',
  'david dave davey',
  'edward ed eddie ted teddy ned',
  'anthony tony antonio',
  'andrew andy drew',
  'alexander alex alec sandy xander alejandro',
  'alexandra alex alexa sandra sandy lexi',
  'benjamin ben benny benji',
  'samuel sam sammy',
  'samantha sam sammy',
  'matthew matt matty',
  'nicholas nick nicky nico',
  'patrick pat paddy',
  'patricia pat patty trish tricia',
  'stephen steven steve stevie',
  'timothy tim timmy',
  'gregory greg',
  'jennifer jen jenny jenn',
  'jessica jess jessie',
  'rebecca becky becca',
  'susan sue susie suzanne',
  'deborah debbie deb debra',
  'victoria vicky tori',
  'abigail abby gail',
  'dorothy dot dottie',
  'frances fran frankie',
  'francis frank frankie francisco paco pancho',
  'henry harry hank enrique',
  'lawrence larry laurence',
  'leonard leo len lenny',
  'raymond ray',
  'ronald ron ronnie',
  'donald don donnie',
  'gerald gerry jerry',
  'kenneth ken kenny',
  'peter pete pedro',
  'philip phil',
  'walter walt wally',
  'zachary zach zack',
  'joshua josh',
  'nathaniel nate nathan nat',
  'theodore ted teddy theo',
  'frederick fred freddie',
  'albert al bert albie',
  'alfred al alfie fred',
  'allison ali allie',
  'amanda mandy manda',
  'barbara barb barbie babs',
  'caroline carol carrie',
  'cynthia cindy',
  'eleanor ellie nora ella',
  'emily em emmy',
  'gabriel gabe gabi',
  'gabriela gabby gabi',
  'isabella isabel bella izzy isabelle',
  'jacqueline jackie',
  'josephine jo josie',
  'judith judy',
  'kimberly kim',
  'madeline maddie madison maddy',
  'melissa mel missy',
  'natalie nat tally',
  'pamela pam',
  'sarah sara sally sadie',
  'teresa theresa terry tess tessa',
  'valerie val',
  'virginia ginny',
  'guillermo memo',
  'jesus chuy',
  'ignacio nacho',
  'eduardo lalo eddie',
  'roberto beto',
  'alberto beto',
  'manuel manny manolo',
  'dolores lola',
  'maria mari',
  'guadalupe lupe lupita',
  'rosario chayo',
  'consuelo chelo',
];

const INDEX = new Map<string, number[]>();
GROUPS.forEach((group, i) => {
  for (const name of group.split(' ')) {
    const list = INDEX.get(name) ?? [];
    list.push(i);
    INDEX.set(name, list);
  }
});

/** Whether two normalised given names are forms of one name ("bob" and "robert"). */
export function areNicknames(a: string, b: string): boolean {
  if (a === b) return false;
  const ga = INDEX.get(a);
  const gb = INDEX.get(b);
  if (!ga || !gb) return false;
  return ga.some((g) => gb.includes(g));
}
