/**
 * The public site's words, in English and Spanish. Facts come from the seed documents (Mississippi
 * State Department of Health; the National Human Trafficking Hotline) and are written in our own words.
 */
import type { Lang } from './layout';

export interface Section {
  heading: string;
  items: string[];
}

export interface SiteText {
  homeTitle: string;
  homeLead: string;
  homeDefinition: string;
  homeMinors: string;
  homeCards: Array<{ path: string; title: string; text: string }>;
  signsTitle: string;
  signsLead: string;
  signs: Section[];
  signsWhere: Section;
  signsMinors: string;
  reportTitle: string;
  reportLead: string;
  emergency: string;
  national: string;
  nationalCall: string;
  nationalText: string;
  nationalEmail: string;
  stateHeading: (state: string) => string;
  adultsDecide: string;
  channelLabel: Record<'phone' | 'online_form' | 'email' | 'text' | 'in_person', string>;
  onlineReport: string;
  reportOnline: string;
  avoidTitle: string;
  avoidLead: string;
  avoid: Section[];
  moreInfo: string;
  helpTitle: string;
  helpLead: string;
  state: string;
  anyState: string;
  need: string;
  anyNeed: string;
  search: string;
  results: (n: number) => string;
  noResults: string;
  phone: string;
  website: string;
  serves: string;
  ages: (min: number | null, max: number | null) => string;
  languages: string;
}

const en: SiteText = {
  homeTitle: 'Help with human trafficking',
  homeLead:
    'Human trafficking is the exploitation of a person for labor, services or commercial sex against their will. It happens in Mississippi and across the country, to adults and to children. You can get help, and you can report it, safely.',
  homeDefinition:
    'Under US law it means recruiting, harboring, transporting, providing or obtaining a person for labor or commercial sex through force, fraud or coercion: for involuntary servitude, peonage, debt bondage or slavery.',
  homeMinors:
    'Any commercial sex involving a person under 18 is trafficking, whether or not there is force, fraud or coercion.',
  homeCards: [
    {
      path: '/signs',
      title: 'Recognise the signs',
      text: 'What trafficking can look like at work, at home or online.',
    },
    {
      path: '/how-to-report',
      title: 'How to report',
      text: 'Who to call or write to, and what the law requires.',
    },
    { path: '/avoid', title: 'Stay safe', text: 'How traffickers recruit, and how to protect yourself.' },
    {
      path: '/help',
      title: 'Find help',
      text: 'Shelter, legal help, counseling, medical care and more near you.',
    },
    {
      path: '/report',
      title: 'Report online',
      text: 'Send the hotline a report. You do not have to give your name.',
    },
    { path: '/chat', title: 'Chat with an advocate', text: 'Talk to someone now, in writing.' },
  ],
  signsTitle: 'Recognise the signs',
  signsLead:
    'People being trafficked may be people you meet, work with or care for every day. Traffickers use many ways to control them and limit their freedom. No single sign proves trafficking; several together are a reason to ask for advice.',
  signs: [
    {
      heading: 'Their body and health',
      items: [
        'Injuries, or signs of physical abuse',
        'Malnutrition',
        'Medical care that is refused or controlled by someone else',
      ],
    },
    {
      heading: 'How they behave',
      items: [
        'Avoiding eye contact and contact with other people',
        'Answers that sound rehearsed or scripted',
        'Fear of the police, of their employer, or of someone who is with them',
      ],
    },
    {
      heading: 'Someone else is in control',
      items: [
        'No identification documents or personal possessions, or someone else holds them',
        'Someone else controls their money, where they go, or their phone (including tracking it by GPS)',
        'A debt to an employer or recruiter that can never be paid off',
        'Threats against them or their family',
      ],
    },
    {
      heading: 'How they were recruited',
      items: [
        'A job offer that turned out to be false',
        'A "boyfriend" or partner who controls them and arranges commercial sex',
        'Contact and promises made over social media or messaging apps',
      ],
    },
  ],
  signsWhere: {
    heading: 'Where it happens',
    items: [
      'Restaurants, homes, farms and construction sites',
      'Hotels and motels, truck stops along highways, and massage parlors',
      'Online advertisements and the commercial sex trade',
    ],
  },
  signsMinors:
    'A person under 18 in commercial sex is a victim of trafficking. In Mississippi, anyone who suspects this must report it to child protective services.',
  reportTitle: 'How to report',
  reportLead:
    'If you are a victim, or you suspect that someone is being trafficked, you can report it. You do not need proof.',
  emergency: 'If someone is in danger right now, call 911.',
  national: 'National Human Trafficking Hotline',
  nationalCall: 'Call',
  nationalText: 'Text BEFREE to',
  nationalEmail: 'Email',
  stateHeading: (s) => `In ${s}`,
  adultsDecide:
    'An adult victim decides whether law enforcement is told. Hotline advocates ask before they share anything.',
  channelLabel: {
    phone: 'Phone',
    online_form: 'Online report',
    email: 'Email',
    text: 'Text',
    in_person: 'In person',
  },
  onlineReport: 'online report form',
  reportOnline: 'Or send this hotline a report online',
  avoidTitle: 'Stay safe',
  avoidLead:
    'Traffickers look for people going through a hard time, even for a short while, and offer money, work, love or a place to stay. These traps are easy to fall into.',
  avoid: [
    {
      heading: 'Job offers',
      items: [
        'Be careful with offers that promise a lot of money for little work or no experience.',
        'Ask for the offer, the pay and the conditions in writing, and check the employer independently.',
        'Never pay a recruiter a large fee, and be wary of a debt you must work off.',
      ],
    },
    {
      heading: 'Your documents and money',
      items: [
        'Keep your passport, ID and other documents yourself. An employer has no reason to hold them.',
        'Keep your own money and your own phone.',
      ],
    },
    {
      heading: 'Relationships and social media',
      items: [
        'Be careful with people you meet online who quickly offer love, gifts, travel or a place to stay.',
        'A partner who controls where you go, who you talk to or your money, or who asks you to sell sex, is a warning sign.',
      ],
    },
    {
      heading: 'Before you go',
      items: [
        'Tell someone you trust where you are going, with whom, and when you will be back.',
        'Save the hotline number: 1-888-373-7888, or text BEFREE to 233733.',
      ],
    },
  ],
  moreInfo:
    'More about warning signs and how to stay safe: the Blue Campaign of the US Department of Homeland Security.',
  helpTitle: 'Find help',
  helpLead:
    'Services for survivors of trafficking: shelter and housing, legal help, counseling, medical care, case management, education and job training. Choose a state or a kind of help.',
  state: 'State',
  anyState: 'Any state',
  need: 'Kind of help',
  anyNeed: 'Any kind of help',
  search: 'Search',
  results: (n) => (n === 1 ? '1 service' : `${n} services`),
  noResults: 'No services match. The National Hotline can help you find services anywhere: 1-888-373-7888.',
  phone: 'Phone',
  website: 'Website',
  serves: 'Serves',
  ages: (min, max) =>
    min !== null && max !== null
      ? `Ages ${min} to ${max}`
      : min !== null
        ? `Ages ${min} and over`
        : `Ages up to ${max}`,
  languages: 'Languages',
};

const es: SiteText = {
  homeTitle: 'Ayuda contra la trata de personas',
  homeLead:
    'La trata de personas es la explotación de una persona para trabajo, servicios o sexo comercial en contra de su voluntad. Ocurre en Misisipi y en todo el país, a personas adultas y a menores. Puede recibir ayuda y denunciarla de forma segura.',
  homeDefinition:
    'Según la ley de Estados Unidos, es reclutar, albergar, transportar, proporcionar u obtener a una persona para trabajo o sexo comercial mediante fuerza, fraude o coerción: para servidumbre involuntaria, peonaje, servidumbre por deudas o esclavitud.',
  homeMinors:
    'Todo sexo comercial con una persona menor de 18 años es trata, haya o no fuerza, fraude o coerción.',
  homeCards: [
    {
      path: '/signs',
      title: 'Reconozca las señales',
      text: 'Cómo puede verse la trata en el trabajo, en casa o en internet.',
    },
    {
      path: '/how-to-report',
      title: 'Cómo denunciar',
      text: 'A quién llamar o escribir, y qué exige la ley.',
    },
    { path: '/avoid', title: 'Protéjase', text: 'Cómo reclutan los tratantes y cómo protegerse.' },
    {
      path: '/help',
      title: 'Buscar ayuda',
      text: 'Refugio, ayuda legal, consejería, atención médica y más cerca de usted.',
    },
    {
      path: '/report',
      title: 'Denunciar en línea',
      text: 'Envíe una denuncia a la línea. No tiene que dar su nombre.',
    },
    { path: '/chat', title: 'Chatear con una persona', text: 'Hable ahora con alguien, por escrito.' },
  ],
  signsTitle: 'Reconozca las señales',
  signsLead:
    'Las víctimas de trata pueden ser personas que usted ve, con quienes trabaja o a quienes cuida cada día. Los tratantes las controlan de muchas maneras y limitan su libertad. Ninguna señal sola prueba la trata; varias juntas son motivo para pedir consejo.',
  signs: [
    {
      heading: 'Su cuerpo y su salud',
      items: [
        'Lesiones o señales de maltrato físico',
        'Desnutrición',
        'Atención médica negada o controlada por otra persona',
      ],
    },
    {
      heading: 'Su comportamiento',
      items: [
        'Evita el contacto visual y el trato con otras personas',
        'Respuestas que parecen ensayadas o memorizadas',
        'Miedo a la policía, a su empleador o a alguien que la acompaña',
      ],
    },
    {
      heading: 'Otra persona tiene el control',
      items: [
        'No tiene documentos de identidad ni pertenencias, o alguien más los guarda',
        'Otra persona controla su dinero, a dónde va o su teléfono (incluso lo rastrea por GPS)',
        'Una deuda con un empleador o reclutador que nunca se puede pagar',
        'Amenazas contra la persona o su familia',
      ],
    },
    {
      heading: 'Cómo la reclutaron',
      items: [
        'Una oferta de trabajo que resultó falsa',
        'Un "novio" o pareja que la controla y organiza el sexo comercial',
        'Contacto y promesas por redes sociales o aplicaciones de mensajería',
      ],
    },
  ],
  signsWhere: {
    heading: 'Dónde ocurre',
    items: [
      'Restaurantes, casas, granjas y obras de construcción',
      'Hoteles y moteles, paradas de camiones en las carreteras y salones de masaje',
      'Anuncios en internet y el comercio sexual',
    ],
  },
  signsMinors:
    'Una persona menor de 18 años en el sexo comercial es víctima de trata. En Misisipi, quien lo sospeche debe denunciarlo a protección infantil.',
  reportTitle: 'Cómo denunciar',
  reportLead:
    'Si usted es víctima, o sospecha que alguien es víctima de trata, puede denunciarlo. No necesita pruebas.',
  emergency: 'Si alguien está en peligro ahora mismo, llame al 911.',
  national: 'Línea Nacional contra la Trata de Personas',
  nationalCall: 'Llame al',
  nationalText: 'Envíe BEFREE al',
  nationalEmail: 'Correo electrónico',
  stateHeading: (s) => `En ${s}`,
  adultsDecide:
    'Una víctima adulta decide si se informa a las autoridades. El personal de la línea pregunta antes de compartir nada.',
  channelLabel: {
    phone: 'Teléfono',
    online_form: 'Denuncia en línea',
    email: 'Correo electrónico',
    text: 'Texto',
    in_person: 'En persona',
  },
  onlineReport: 'formulario de denuncia en línea',
  reportOnline: 'O envíe una denuncia en línea a esta línea',
  avoidTitle: 'Protéjase',
  avoidLead:
    'Los tratantes buscan a personas que pasan por un momento difícil, aunque sea breve, y ofrecen dinero, trabajo, cariño o un lugar donde vivir. Es fácil caer en estas trampas.',
  avoid: [
    {
      heading: 'Ofertas de trabajo',
      items: [
        'Desconfíe de ofertas que prometen mucho dinero por poco trabajo o sin experiencia.',
        'Pida la oferta, el sueldo y las condiciones por escrito, y verifique al empleador por su cuenta.',
        'Nunca pague una cuota alta a un reclutador y desconfíe de una deuda que deba pagar trabajando.',
      ],
    },
    {
      heading: 'Sus documentos y su dinero',
      items: [
        'Guarde usted mismo su pasaporte, identificación y otros documentos. Un empleador no tiene por qué tenerlos.',
        'Conserve su propio dinero y su propio teléfono.',
      ],
    },
    {
      heading: 'Relaciones y redes sociales',
      items: [
        'Tenga cuidado con personas que conoce en internet y que pronto ofrecen amor, regalos, viajes o alojamiento.',
        'Una pareja que controla a dónde va, con quién habla o su dinero, o que le pide vender sexo, es una señal de alarma.',
      ],
    },
    {
      heading: 'Antes de irse',
      items: [
        'Diga a alguien de confianza a dónde va, con quién y cuándo volverá.',
        'Guarde el número de la línea: 1-888-373-7888, o envíe BEFREE al 233733.',
      ],
    },
  ],
  moreInfo:
    'Más sobre las señales de alarma y cómo protegerse: la Campaña Azul del Departamento de Seguridad Nacional de EE. UU.',
  helpTitle: 'Buscar ayuda',
  helpLead:
    'Servicios para sobrevivientes de trata: refugio y vivienda, ayuda legal, consejería, atención médica, gestión de casos, educación y capacitación laboral. Elija un estado o un tipo de ayuda.',
  state: 'Estado',
  anyState: 'Cualquier estado',
  need: 'Tipo de ayuda',
  anyNeed: 'Cualquier tipo de ayuda',
  search: 'Buscar',
  results: (n) => (n === 1 ? '1 servicio' : `${n} servicios`),
  noResults:
    'Ningún servicio coincide. La Línea Nacional puede ayudarle a encontrar servicios en cualquier lugar: 1-888-373-7888.',
  phone: 'Teléfono',
  website: 'Sitio web',
  serves: 'Atiende',
  ages: (min, max) =>
    min !== null && max !== null
      ? `De ${min} a ${max} años`
      : min !== null
        ? `Desde ${min} años`
        : `Hasta ${max} años`,
  languages: 'Idiomas',
};

export const siteText: Record<Lang, SiteText> = { en, es };
