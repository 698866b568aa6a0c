// Phone entry point (Expo): registers the root component as "main".
import { registerRootComponent } from 'expo';
import { PhoneRoot } from './src/native/phone-root';

registerRootComponent(PhoneRoot);
